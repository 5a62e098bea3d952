import type { CellValue, Row } from '../datasets/types.ts';
import { rowsGone } from '../http/rows-gone.ts';
import { type FacetCounts, facetCounter } from '../query/facets.ts';
import { isFiltered, looksAtEveryRow, type ReadQuery } from '../query/read-query.ts';
import { compareCells, linePredicate, project } from '../query/rows.ts';
import { storedCellReader } from '../query/stored-cell.ts';
import { pageOf, rowSeparator } from '../store/pages.ts';
import type { DatasetReader } from '../store/reader.ts';
import type { VersionMeta } from '../store/records.ts';

/**
 * Every stored page of a version, as its row lines, and whether it is all ASCII: then its UTF-8
 * bytes are as many as its characters.
 */
async function* storedPageLines(
  reader: DatasetReader,
  meta: VersionMeta,
): AsyncGenerator<{ lines: readonly string[]; ascii: boolean }> {
  for (let page = 0; page < meta.pageStarts.length; page++) {
    const lines = await reader.pageRows(meta, page);
    if (!lines) throw rowsGone(meta);
    const chars = lines.reduce((n, line) => n + line.length, 0) + rowSeparator.length * (lines.length - 1);
    yield { lines, ascii: chars === meta.pageBytes[page] };
  }
}

/** Serialized rows [from, to) as stored, reading only the pages that hold them. */
export async function* storedLines(
  reader: DatasetReader,
  meta: VersionMeta,
  from = 0,
  to = meta.rowCount,
): AsyncGenerator<string> {
  if (from >= to) return;
  for (let page = pageOf(meta.pageStarts, from); page < meta.pageStarts.length; page++) {
    const start = meta.pageStarts[page] ?? 0;
    if (start >= to) return;
    const lines = await reader.pageRows(meta, page);
    if (!lines) throw rowsGone(meta);
    yield* lines.slice(Math.max(0, from - start), to - start);
  }
}

/** Most characters of selected lines held at once; past it, a selection is streamed in a second pass. */
const maxHeldChars = 4 * 1024 * 1024;

export interface Selection {
  /** Rows that match the filters and search, when the query has any. */
  matchCount?: number;
  /** Rows in the order asked, before `offset` and `limit`. */
  total: number;
  facets?: FacetCounts;
  /**
   * The selected lines as stored, in order; absent when they were too many to hold, and then
   * `matchingLines` yields them again.
   */
  lines?: string[];
}

/**
 * One pass over every stored row: counts the matches and their facets, keeps the page asked for (a
 * sort keeps every match, with its sort cell read from the line). Rows that do not match are never
 * parsed.
 */
export async function survey(reader: DatasetReader, meta: VersionMeta, query: ReadQuery): Promise<Selection> {
  const matches = isFiltered(query) ? linePredicate(query) : () => true;
  const counter = query.facets.length > 0 ? facetCounter(query.facets) : undefined;
  const end = query.limit === undefined ? Infinity : query.offset + query.limit;
  const sortCell = query.sort ? storedCellReader(query.sort.column.name) : undefined;
  const sortable: { cell: CellValue; line: string }[] = [];
  let lines: string[] | undefined = [];
  let held = 0;
  let total = 0;
  // Page by page with a plain loop: an async step per row cost more than the filters themselves.
  for await (const { lines: page, ascii } of storedPageLines(reader, meta)) {
    for (const line of page) {
      if (!matches(line, ascii)) continue;
      counter?.add(line);
      if (sortCell) sortable.push({ cell: sortCell(line), line });
      else if (lines && total >= query.offset && total < end) {
        held += line.length;
        if (held <= maxHeldChars || query.limit !== undefined) lines.push(line);
        else lines = undefined;
      }
      total++;
    }
  }
  if (query.sort) {
    const { descending } = query.sort;
    // Array.prototype.sort is stable: equal cells keep the stored order.
    sortable.sort((a, b) => compareCells(a.cell, b.cell, descending));
    lines = sortable.slice(query.offset, end).map((s) => s.line);
  }
  return {
    total,
    ...(isFiltered(query) && { matchCount: total }),
    ...(counter && { facets: counter.result() }),
    ...(lines && { lines }),
  };
}

/** The lines a query selects, in stored order, read again page by page (no sort: see `survey`). */
export async function* matchingLines(
  reader: DatasetReader,
  meta: VersionMeta,
  query: ReadQuery,
): AsyncGenerator<string> {
  const matches = isFiltered(query) ? linePredicate(query) : () => true;
  const end = query.limit === undefined ? Infinity : query.offset + query.limit;
  let index = 0;
  for await (const { lines: page, ascii } of storedPageLines(reader, meta)) {
    for (const line of page) {
      if (!matches(line, ascii)) continue;
      if (index >= end) return;
      if (index++ >= query.offset) yield line;
    }
  }
}

/** The rows a query selects, in order, as projected objects (the pages render them one by one). */
export async function* selectedRows(
  reader: DatasetReader,
  meta: VersionMeta,
  query: ReadQuery,
): AsyncGenerator<Row> {
  const end = Math.min(meta.rowCount, query.limit === undefined ? Infinity : query.offset + query.limit);
  const lines = looksAtEveryRow(query)
    ? ((await survey(reader, meta, query)).lines ?? matchingLines(reader, meta, query))
    : storedLines(reader, meta, query.offset, end);
  for await (const line of lines) yield project(JSON.parse(line) as Row, query.fields);
}
