/**
 * Which file in a folder holds a tab. `<Tab>.csv` as written wins; otherwise the same name in another
 * case, or the name Google Sheets gives a tab downloaded as CSV: `<Spreadsheet> - <Tab>.csv`. Two
 * candidates and no exact name is ambiguous: the caller reports both rather than pick one.
 */
export type TabFile = { file: string } | { ambiguous: string[] } | undefined;

export function tabFile(tab: string, names: readonly string[]): TabFile {
  const exact = `${tab}.csv`;
  if (names.includes(exact)) return { file: exact };
  const wanted = exact.toLowerCase();
  const download = ` - ${wanted}`;
  const candidates = names.filter((name) => {
    const lower = name.toLowerCase();
    return lower === wanted || lower.endsWith(download);
  });
  if (candidates.length === 0) return undefined;
  return candidates.length === 1 ? { file: candidates[0] as string } : { ambiguous: candidates.sort() };
}
