import type { Column } from '../datasets/columns.ts';
import type { Row } from '../datasets/types.ts';

/**
 * Rows are stored pre-serialized, one JSON object per line, lines joined by `rowSeparator`. A JSON
 * array of a whole version is then `[` + pages joined by `rowSeparator` + `]`, streamed as stored,
 * and a page is sliced into rows by splitting on the separator (JSON.stringify never emits a raw
 * newline inside a value) without parsing.
 */
export const rowSeparator = ',\n';

/** Large enough that a 100,000-row version is a few dozen KV values, small enough to slice quickly. */
const defaultPageTarget = 128 * 1024;

export interface SerializedRows {
  rowCount: number;
  pages: Uint8Array[];
  pageStarts: number[];
  pageBytes: number[];
}

/** A row as stored: keys in column order, absent cells as null, nothing else. */
function canonicalRow(row: Row, columns: readonly Column[]): string {
  const ordered: Row = {};
  for (const { name } of columns) ordered[name] = row[name] ?? null;
  return JSON.stringify(ordered);
}

export function serializeRows(
  rows: readonly Row[],
  columns: readonly Column[],
  pageTarget = defaultPageTarget,
): SerializedRows {
  const encoder = new TextEncoder();
  const pages: Uint8Array[] = [];
  const pageStarts: number[] = [];
  let lines: string[] = [];
  let size = 0;
  const flush = () => {
    pages.push(encoder.encode(lines.join(rowSeparator)));
    lines = [];
    size = 0;
  };
  rows.forEach((row, index) => {
    if (lines.length === 0) pageStarts.push(index);
    const line = canonicalRow(row, columns);
    lines.push(line);
    size += line.length + rowSeparator.length;
    if (size >= pageTarget) flush();
  });
  if (lines.length > 0) flush();
  return { rowCount: rows.length, pages, pageStarts, pageBytes: pages.map((p) => p.byteLength) };
}

/** The page holding row `index` (pageStarts is ascending and starts at 0). */
export function pageOf(pageStarts: readonly number[], index: number): number {
  let low = 0;
  let high = pageStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((pageStarts[mid] ?? 0) <= index) low = mid;
    else high = mid - 1;
  }
  return low;
}

export function splitRows(page: string): string[] {
  return page === '' ? [] : page.split(rowSeparator);
}
