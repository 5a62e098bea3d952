import type { UnreadableTab } from './source.ts';

/**
 * Which name in a workbook stands for a tab: the tab's own name as written wins; otherwise one that
 * differs only the way people's names for it do (case, stray spaces, a download's prefix). Two loose
 * candidates and no exact name is ambiguous: the caller reports both rather than pick one.
 */
type TabMatch = { name: string } | { ambiguous: string[] } | undefined;

function matchTab(names: readonly string[], exact: string, loose: (name: string) => boolean): TabMatch {
  if (names.includes(exact)) return { name: exact };
  const candidates = names.filter(loose);
  if (candidates.length === 0) return undefined;
  return candidates.length === 1 ? { name: candidates[0] as string } : { ambiguous: candidates.sort() };
}

/** Names compared loosely: any case, and one Unicode form (macOS stores file names decomposed). */
const loose = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * A file for the tab: `<Tab>.csv`, in any case, or as Google Sheets names a download
 * (`<Spreadsheet> - <Tab>.csv`), also with the ` (1)` a browser adds to a repeated download.
 */
export function tabFile(tab: string, files: readonly string[]): TabMatch {
  const wanted = loose(`${tab}.csv`);
  return matchTab(files, `${tab}.csv`, (file) => {
    const name = loose(file).replace(/ \(\d+\)(?=\.csv$)/, '');
    return name === wanted || name.endsWith(` - ${wanted}`);
  });
}

/** A spreadsheet tab for the tab: its title in any case, with spaces around it or not. */
export function tabTitle(tab: string, titles: readonly string[]): TabMatch {
  const wanted = loose(tab.trim());
  return matchTab(titles, tab, (title) => loose(title.trim()) === wanted);
}

/** Two near misses: reported against the tab, as the sync cannot know which one the editor means. */
export function ambiguousTab(candidates: readonly string[], what: string, advice: string): UnreadableTab {
  const listed = candidates.map((name) => `"${name}"`).join(', ');
  return { row: null, message: `several ${what} could hold this tab (${listed}); ${advice}` };
}
