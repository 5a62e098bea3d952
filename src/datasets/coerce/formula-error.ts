/**
 * The values a spreadsheet shows when a formula fails, or has not finished (Google's "Loading..." while
 * an IMPORTRANGE fetches, Excel's #GETTING_DATA and #BUSY!): the Sheets API and a CSV export carry them
 * as text. Google Sheets' own, then those only Excel (or a workbook converted from it) shows.
 */
/** Not an error yet: the value a formula shows while its data loads, to be told apart in messages. */
export const stillLoading = 'LOADING...';

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
  stillLoading,
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
  const text = cell.trim().toUpperCase();
  return formulaErrors.has(text) ? text : undefined;
}
