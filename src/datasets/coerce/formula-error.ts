/** The error values a spreadsheet shows when a formula fails; the Sheets API returns them as text. */
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
]);

/** The formula error a cell holds, if any, so the report can say "fix the formula" instead of "bad number". */
export function formulaError(cell: unknown): string | undefined {
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim().toUpperCase();
  return formulaErrors.has(text) ? text : undefined;
}
