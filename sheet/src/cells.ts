import { formulaError, stillLoading } from '../../src/datasets/coerce/formula-error.ts';
import type { CellData, RowData } from '../../src/datasets/grid-cells.ts';
import { numberFormatType } from './number-format.ts';

export type { RowData };

/** A tab as Apps Script reads it: one `getValues`, `getDisplayValues` and `getNumberFormats` each. */
export interface RangeReading {
  values: unknown[][];
  displays: string[][];
  formats: string[][];
}

/**
 * Apps Script hands a date cell over as a Date (the instant of its wall-clock time in the spreadsheet's
 * time zone), never as the serial the Sheets API gives: `serialOf` turns it back into that serial.
 */
export type SerialOf = (date: Date) => number;

/** A Date from any realm (Apps Script's, or a test's fakes in another vm context). */
const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/**
 * One cell as the Sheets API's `spreadsheets.get` with grid data gives it, so the Worker reads an
 * add-on's cells exactly as the sync reads the API's: a number with its format type and shown text
 * (0.14 shown "14%" is PERCENT), a date as its serial with a DATE type, an error as an `errorValue`
 * with the text the editor sees.
 */
export function cellData(value: unknown, display: string, pattern: string, serialOf: SerialOf): CellData {
  if (value === '' || value === null || value === undefined) return {};
  if (typeof value === 'boolean') return { effectiveValue: { boolValue: value }, formattedValue: display };
  if (isDate(value)) {
    const type = numberFormatType(pattern) ?? 'DATE';
    return number(serialOf(value), display, type === 'DATE_TIME' || type === 'TIME' ? type : 'DATE');
  }
  if (typeof value === 'number') return number(value, display, numberFormatType(pattern));
  const text = String(value);
  // Apps Script hands over a formula error as the text it shows, without the API's error type; the
  // Worker reads an error by that text (`formattedValue`), so the type is the API's catch-all.
  if (display === text && text !== stillLoading && formulaError(text) !== undefined)
    return { effectiveValue: { errorValue: { type: 'ERROR', message: text } }, formattedValue: text };
  return { effectiveValue: { stringValue: text } };
}

function number(value: number, display: string, type: string | undefined): CellData {
  return {
    effectiveValue: { numberValue: value },
    formattedValue: display,
    ...(type ? { effectiveFormat: { numberFormat: { type } } } : {}),
  };
}

/**
 * A tab's cells as `GridData.rowData`, first row the header. Like the API, trailing empty cells and
 * rows are left out (an empty row in between is `{}`), which keeps the request small.
 */
export function rowData(reading: RangeReading, serialOf: SerialOf): RowData[] {
  const rows = reading.values.map((row, r): RowData => {
    const cells = row.map((value, c) =>
      cellData(value, reading.displays[r]?.[c] ?? '', reading.formats[r]?.[c] ?? '', serialOf),
    );
    const last = lastIndex(cells, (cell) => cell.effectiveValue !== undefined);
    return last === -1 ? {} : { values: cells.slice(0, last + 1) };
  });
  return rows.slice(0, lastIndex(rows, (row) => row.values !== undefined) + 1);
}

/** `findLastIndex`, which is newer than the ES2019 the add-on is written for. */
function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

const dayMs = 86_400_000;
const serialEpoch = Date.UTC(1899, 11, 30);

/**
 * The serial of a wall-clock time written `yyyy-MM-dd'T'HH:mm:ss.SSS` (what `Utilities.formatDate`
 * gives in the spreadsheet's time zone): days since 1899-12-30, the time as the fraction.
 */
export function serialOfWallClock(text: string): number {
  const match = /^(-?\d+)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{3})$/.exec(text);
  if (!match) throw new Error(`Not a wall-clock time: ${text}`);
  const [, y, mo, d, h, mi, s, ms] = match.map(Number) as number[];
  const utc = new Date(0);
  utc.setUTCFullYear(y as number, (mo as number) - 1, d);
  utc.setUTCHours(h as number, mi, s, ms);
  return (utc.getTime() - serialEpoch) / dayMs;
}

/** The pattern `Utilities.formatDate` is given for `serialOfWallClock`. */
export const wallClockPattern = "yyyy-MM-dd'T'HH:mm:ss.SSS";
