import type { Row } from '../datasets/types.ts';
import { problem } from '../http/problem.ts';
import { isPlain, type ReadQuery } from '../query/read-query.ts';
import { matchesAll, project, rowComparator } from '../query/rows.ts';
import { pageOf } from '../store/pages.ts';
import type { DatasetReader } from '../store/reader.ts';
import type { VersionMeta } from '../store/records.ts';

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
    if (!lines) throw gone(meta);
    yield* lines.slice(Math.max(0, from - start), to - start);
  }
}

export function gone(meta: Pick<VersionMeta, 'dataset' | 'version'>) {
  return problem(
    410,
    `The rows of version ${meta.version} of "${meta.dataset}" are no longer kept (retention). ` +
      `Its metadata is still listed at /v1/datasets/${meta.dataset}/versions; fetch a newer version.`,
  );
}

/**
 * The rows a query asks for, in order, already projected. Without a sort, rows flow page by page;
 * a sort has to see every matching row first.
 */
export async function* selectedRows(
  reader: DatasetReader,
  meta: VersionMeta,
  query: ReadQuery,
): AsyncGenerator<Row> {
  const end = query.limit === undefined ? Infinity : query.offset + query.limit;
  if (isPlain(query)) {
    for await (const line of storedLines(reader, meta, query.offset, Math.min(end, meta.rowCount))) {
      yield JSON.parse(line) as Row;
    }
    return;
  }
  const matching = async function* () {
    for await (const line of storedLines(reader, meta)) {
      const row = JSON.parse(line) as Row;
      if (matchesAll(row, query.filters)) yield row;
    }
  };
  let source: AsyncIterable<Row> | Iterable<Row> = matching();
  if (query.sort) {
    const all: Row[] = [];
    for await (const row of matching()) all.push(row);
    source = all.sort(rowComparator(query.sort));
  }
  let index = 0;
  for await (const row of source) {
    if (index >= end) return;
    if (index++ >= query.offset) yield project(row, query.fields);
  }
}
