import { tabTitle } from '../../scripts/sync/sources/tab-names.ts';

/** A dataset as the add-on needs it: made from the catalogue when the add-on is built. */
export interface DatasetTab {
  id: string;
  title: string;
  tab: string;
}

export type TabFound = { dataset: DatasetTab; title: string } | { dataset: DatasetTab; missing: string };

/**
 * Where each dataset's tab is in this spreadsheet, found as the sync finds it: its own name first,
 * else the one title that differs only in case or spaces. Two such titles are reported, not guessed.
 */
export function findTabs(datasets: readonly DatasetTab[], titles: readonly string[]): TabFound[] {
  return datasets.map((dataset) => {
    const match = tabTitle(dataset.tab, titles);
    if (match === undefined)
      return { dataset, missing: `This spreadsheet has no tab named “${dataset.tab}”.` };
    if ('ambiguous' in match)
      return {
        dataset,
        missing: `Several tabs could be “${dataset.tab}” (${match.ambiguous.map((t) => `“${t}”`).join(', ')}): rename all but one.`,
      };
    return { dataset, title: match.name };
  });
}

/** The dataset a tab holds, if any. */
export function datasetOfTab(datasets: readonly DatasetTab[], titles: readonly string[], title: string) {
  return findTabs(datasets, titles).find((found) => 'title' in found && found.title === title);
}
