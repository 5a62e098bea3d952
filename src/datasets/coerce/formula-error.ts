/** Not an error yet: what Google shows while a formula (an IMPORTRANGE) fetches its data. */
export const stillLoading = 'Loading...';

/**
 * The values a spreadsheet shows when a formula fails, or has not finished (Excel's #GETTING_DATA and
 * #BUSY!): the Sheets API and a CSV export carry them as text. Google Sheets' own, then those only
 * Excel (or a workbook converted from it) shows.
 */
const formulaErrors = new Set([
  '#N/A',
  '#REF!',
  '#DIV/0!',
  '#VALUE!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#ERROR!',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#GETTING_DATA',
  '#BLOCKED!',
  '#BUSY!',
  '#CONNECT!',
  '#EXTERNAL!',
  '#PYTHON!',
  '#TIMEOUT!',
  '#UNKNOWN!',
]);

/** The formula error a cell holds, if any, so the report can say "fix the formula" instead of "bad number". */
export function formulaError(cell: unknown): string | undefined {
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim();
  // Only as Google writes it: "loading..." in a text column is more likely an editor's own words.
  if (text === stillLoading) return stillLoading;
  const upper = text.toUpperCase();
  return formulaErrors.has(upper) ? upper : undefined;
}
