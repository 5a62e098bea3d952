import { z } from 'zod';
import { describeValue, isFormattedNumber } from '../cell.ts';
import { type Coercion, expected, fail, ok, type Reading } from './coercion.ts';

/** For columns that accept 01/02/2024-style dates: which number comes first. */
export type DayMonthOrder = 'day-first' | 'month-first';

export interface DateOptions {
  /** Without it, slash (or dot) dates are rejected: 01/02/2024 is 1 February in London, January 2 in New York. */
  order?: DayMonthOrder;
}

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

// Year first is never ambiguous, whatever the separator.
const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const dayMonthYear = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i;
const monthDayYear = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const numeric = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;

/** Google Sheets counts days from 1899-12-30 (Excel's serials agree from 1900-03-01 on). */
const serialEpoch = Date.UTC(1899, 11, 30);
const dayMs = 86_400_000;

export function serialToIsoDate(serial: number): string {
  return new Date(serialEpoch + Math.floor(serial) * dayMs).toISOString().slice(0, 10);
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = months.findIndex(
    (full) => full === lower || full.slice(0, 3) === lower || (full === 'september' && lower === 'sept'),
  );
  return index === -1 ? undefined : index + 1;
}

/** The ISO date for year/month/day, or undefined when no such day exists (2024-02-30). */
function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const writeIt = 'write it as 2024-01-08 or 8 January 2024';

function fromParts(year: number, month: number | undefined, day: number, cell: unknown): Reading<string> {
  if (month === undefined) return expected(`a date (${writeIt})`, cell);
  const date = isoDate(year, month, day);
  return date === undefined ? expected('a date that exists', cell) : ok(date);
}

const spelled = (iso: string) => {
  const [, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${months[month - 1]?.replace(/^./, (c) => c.toUpperCase())}`;
};

/**
 * 01/02/2024 in a column that declares no order: rejected, never guessed, with the ISO form of each
 * reading that exists, so the editor only has to pick the one they meant.
 */
function undeclaredOrder(first: number, second: number, year: number, cell: unknown): Reading<string> {
  const readings = [...new Set([isoDate(year, second, first), isoDate(year, first, second)])].filter(
    (d) => d !== undefined,
  );
  const [only, other] = readings;
  if (only === undefined) return expected('a date that exists', cell);
  if (other === undefined)
    return fail(
      `${describeValue(cell)} puts day and month in an order this column does not assume: write it as ${only}`,
    );
  return fail(
    `${describeValue(cell)} is ambiguous: write ${only} for ${spelled(only)} or ${other} for ${spelled(other)}`,
  );
}

function readText(text: string, options: DateOptions, cell: unknown): Reading<string> {
  const t = text.trim();
  let m = iso.exec(t);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), cell);
  m = dayMonthYear.exec(t);
  if (m) return fromParts(Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1]), cell);
  m = monthDayYear.exec(t);
  if (m) return fromParts(Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2]), cell);
  m = numeric.exec(t);
  if (m && options.order === undefined)
    return undeclaredOrder(Number(m[1]), Number(m[2]), Number(m[3]), cell);
  if (m) {
    const [first, second] = [Number(m[1]), Number(m[2])];
    return options.order === 'day-first'
      ? fromParts(Number(m[3]), second, first, cell)
      : fromParts(Number(m[3]), first, second, cell);
  }
  return expected(`a date (${writeIt})`, cell);
}

function readSerial(serial: number, cell: unknown): Reading<string> {
  // Serials 1000–2999 are days in 1902–1908; far more likely a year typed into a date column.
  if (serial >= 1000 && serial < 3000)
    return fail(`expected a full date, got ${describeValue(cell)}, which looks like a year; ${writeIt}`);
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466)
    return expected(`a date (${writeIt})`, cell);
  return ok(serialToIsoDate(serial));
}

/**
 * Dates → ISO `YYYY-MM-DD`: `2024-01-08`, `8 January 2024`, `Jan 8, 2024`, and a spreadsheet serial
 * number (a date-formatted cell read unformatted). A bare number in a date column is a serial; a number
 * whose source says it was formatted as a plain number is not a date.
 */
export function date(options: DateOptions = {}): Coercion<z.ZodISODate> {
  const read = (cell: unknown): Reading<string> => {
    if (isFormattedNumber(cell))
      return cell.format === 'DATE' || cell.format === 'DATE_TIME'
        ? readSerial(cell.value, cell)
        : expected(`a date (${writeIt})`, cell);
    if (typeof cell === 'number') return readSerial(cell, cell);
    if (typeof cell === 'string') return readText(cell, options, cell);
    return expected(`a date (${writeIt})`, cell);
  };
  return { output: z.iso.date(), read };
}
