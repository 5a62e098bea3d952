import type { CellValue } from './types.ts';

/**
 * Sheets API number-format types (`effectiveFormat.numberFormat.type`). A source that knows a cell's
 * format passes the number with it, because the same number means different things: 0.7 in a
 * percent-formatted cell is 70 %, while a bare 0.7 is what an editor (or a published row) means by 0.7.
 */
export type NumberFormat =
  | 'NUMBER'
  | 'PERCENT'
  | 'CURRENCY'
  | 'DATE'
  | 'TIME'
  | 'DATE_TIME'
  | 'SCIENTIFIC'
  | 'TEXT';

export interface FormattedNumber {
  value: number;
  format: NumberFormat;
  /** The text the sheet shows for it ("$1,500.00", "60%"), when the source knows it. */
  shown?: string;
}

/** One cell as a source reads it: CSV text, a typed value from the Sheets API, or a number with its format. */
export type SheetCell = CellValue | FormattedNumber;

export function formatted(value: number, format: NumberFormat, shown?: string): FormattedNumber {
  return shown === undefined ? { value, format } : { value, format, shown };
}

export function isFormattedNumber(cell: unknown): cell is FormattedNumber {
  return (
    typeof cell === 'object' &&
    cell !== null &&
    typeof (cell as FormattedNumber).value === 'number' &&
    typeof (cell as FormattedNumber).format === 'string'
  );
}

/**
 * Whitespace plus the zero-width characters pasted text brings along (zero-width space, joiners, word
 * joiner, byte-order mark): invisible in the sheet, so a cell holding only these looks empty to its editor.
 */
const invisibleOnly = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;
/** Formatting with no meaning inside a word either: zero-width space, word joiner, byte-order mark. */
const meaningless = /[\u200B\u2060\uFEFF]/g;
/** What else cannot be seen at either end: whitespace and the joiners (which emoji and scripts need inside). */
const invisibleAtEdge = /[\s\u200C\u200D]/;

/**
 * Text without the meaningless zero-width characters anywhere (so "Chi\u200Bna" is the key "China") and
 * without anything invisible at either end. Stepped from each end rather than an end-anchored regex,
 * which backtracks quadratically over a long invisible run in untrusted input.
 */
export function trimInvisible(text: string): string {
  const visible = text.replace(meaningless, '');
  let start = 0;
  let end = visible.length;
  while (start < end && invisibleAtEdge.test(visible.charAt(start))) start++;
  while (end > start && invisibleAtEdge.test(visible.charAt(end - 1))) end--;
  return visible.slice(start, end);
}

/** Empty, missing and whitespace-only cells all mean "nothing typed here". */
export function isBlank(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && invisibleOnly.test(cell));
}

/** The value a report shows for a cell: formats are a reading aid, the editor typed the number. */
export function plainValue(cell: unknown): CellValue {
  if (isFormattedNumber(cell)) return cell.value;
  if (cell === undefined) return null;
  if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean' || cell === null)
    return cell;
  return JSON.stringify(cell);
}

/** 0.07 × 100 is 7.000000000000001 in binary floating point; a percentage cell never means that. */
export function fractionToPercent(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

/**
 * Text cut short for a message or a report (enough to find the cell, small enough to send and to fit a
 * status-tab cell), saying how long it was; never half a surrogate pair.
 */
export function clipped(text: string, max = 200): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

/**
 * How a message quotes what the editor typed: as the sheet shows it when the source says (a date in a
 * year column is "2024-06-30", not 45473), text in quotes and cut short, numbers and booleans as they
 * are, and a percent-formatted number as a percentage (170%, not 1.7).
 */
export function describeValue(cell: unknown): string {
  if (isFormattedNumber(cell) && cell.shown !== undefined) return JSON.stringify(cell.shown);
  if (isFormattedNumber(cell) && cell.format === 'PERCENT') return `${fractionToPercent(cell.value)}%`;
  const value = plainValue(cell);
  return typeof value === 'string' ? JSON.stringify(clipped(value)) : String(value);
}
