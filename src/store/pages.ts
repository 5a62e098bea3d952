import type { Column } from '../datasets/columns.ts';
import type { Row } from '../datasets/types.ts';
import { PageCutter, type PageSizing } from './page-layout.ts';
import { utf8Length } from './utf8-length.ts';

/**
 * Rows are stored pre-serialized, one JSON object per line, lines joined by `rowSeparator`. A JSON
 * array of a whole version is then `[` + pages joined by `rowSeparator` + `]`, streamed as stored,
 * and a page is sliced into rows by splitting on the separator (JSON.stringify never emits a raw
 * newline inside a value) without parsing.
 */
export const rowSeparator = ',\n';

export interface SerializedRows {
  rowCount: number;
  pages: Uint8Array[];
  pageStarts: number[];
  pageBytes: number[];
}

/** A row as stored: keys in column order, absent cells as null, nothing else. */
export function canonicalRow(row: Row, columns: readonly Column[]): string {
  const ordered: Row = {};
  for (const { name } of columns) ordered[name] = row[name] ?? null;
  return JSON.stringify(ordered);
}

/** Rows held in memory cut into pages by `sizing` (`page-layout.ts`); the writer builds its pages from SQLite. */
export function serializeRows(
  rows: readonly Row[],
  columns: readonly Column[],
  sizing: PageSizing,
): SerializedRows {
  const encoder = new TextEncoder();
  const cutter = new PageCutter(sizing, rowSeparator.length);
  const pages: Uint8Array[] = [];
  let lines: string[] = [];
  for (const row of rows) {
    const line = canonicalRow(row, columns);
    lines.push(line);
    if (cutter.add(line.length, utf8Length(line))) {
      pages.push(encoder.encode(lines.join(rowSeparator)));
      lines = [];
    }
  }
  if (lines.length > 0) pages.push(encoder.encode(lines.join(rowSeparator)));
  return { rowCount: rows.length, pages, ...cutter.layout };
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
