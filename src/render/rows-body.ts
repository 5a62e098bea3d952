import type { Row } from '../datasets/types.ts';
import type { ReadQuery } from '../query/read-query.ts';
import { isPlain } from '../query/read-query.ts';
import { rowSeparator } from '../store/pages.ts';
import type { DatasetReader } from '../store/reader.ts';
import type { VersionMeta } from '../store/records.ts';
import { coalesced, fixedLengthBody, streamOf } from './byte-stream.ts';
import { csvChunk } from './csv.ts';
import { gone, selectedRows, storedLines } from './selected-rows.ts';

interface Envelope {
  dataset: string;
  version: number;
  publishedAt: string;
  rowCount: number;
  limit?: number;
  offset?: number;
  links: Record<string, string>;
}

interface RowsBody {
  body: BodyInit;
  contentType: string;
  /** The next page's link, when this is a page and more rows follow. */
  next?: string;
}

const encoder = new TextEncoder();
const csvBatch = 1_000;
const maxBufferedBytes = 4 * 1024 * 1024;
const streamWriteBytes = 1024 * 1024;

/** The envelope's members, then `data` last, so metadata arrives before a long array of rows. */
function jsonParts(envelope: Envelope): [string, string] {
  const members = JSON.stringify(envelope);
  return [`${members.slice(0, -1)},"data":[\n`, '\n]}\n'];
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function* storedPages(reader: DatasetReader, meta: VersionMeta): AsyncGenerator<Uint8Array> {
  const separator = encoder.encode(rowSeparator);
  for (let i = 0; i < meta.pageStarts.length; i++) {
    const page = await reader.page(meta, i);
    if (!page) throw gone(meta);
    if (i > 0) yield separator;
    yield page;
  }
}

async function* csvChunks(rows: AsyncIterable<Row>, columns: string[]): AsyncGenerator<string> {
  let batch: Row[] = [];
  let first = true;
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === csvBatch) {
      yield csvChunk(batch, columns, first);
      batch = [];
      first = false;
    }
  }
  if (batch.length > 0 || first) yield csvChunk(batch, columns, first);
}

async function* jsonChunks(envelope: Envelope, rows: AsyncIterable<Row>): AsyncGenerator<string> {
  const [open, close] = jsonParts(envelope);
  yield open;
  let first = true;
  for await (const row of rows) {
    yield (first ? '' : rowSeparator) + JSON.stringify(row);
    first = false;
  }
  yield close;
}

/**
 * Renders the rows a query selects. Whole versions stream from stored pages (as stored bytes when
 * nothing reshapes them); a page (`limit`) is gathered first, one row past the end, to know whether
 * `links.next` exists.
 */
export async function rowsBody(
  reader: DatasetReader,
  meta: VersionMeta,
  query: ReadQuery,
  envelope: Envelope,
  nextLink: () => string,
): Promise<RowsBody> {
  const columns = (query.fields ?? meta.columns).map((c) => c.name);
  const contentType = query.format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json';

  if (query.limit !== undefined) {
    const peek = { ...query, limit: query.limit + 1 };
    const plainJson = query.format === 'json' && isPlain(query);
    const end = Math.min(meta.rowCount, peek.offset + peek.limit);
    const page: (string | Row)[] = plainJson
      ? await collect(storedLines(reader, meta, query.offset, end))
      : await collect(selectedRows(reader, meta, peek));
    const hasNext = page.length > query.limit;
    if (hasNext) page.pop();
    const next = hasNext ? nextLink() : undefined;
    const links = next ? { ...envelope.links, next } : envelope.links;
    if (query.format === 'csv') return { body: csvChunk(page as Row[], columns, true), contentType, next };
    const [open, close] = jsonParts({ ...envelope, links });
    const lines = plainJson ? (page as string[]) : (page as Row[]).map((row) => JSON.stringify(row));
    return { body: open + lines.join(rowSeparator) + close, contentType, next };
  }

  // Up to a few MB a whole body is built once in memory, which the isolate's response cache can
  // keep; beyond that it streams page by page and is never held whole.
  const storedBytes =
    meta.pageBytes.reduce((n, b) => n + b, 0) + rowSeparator.length * Math.max(0, meta.pageBytes.length - 1);
  const buffered = storedBytes <= maxBufferedBytes;
  const whole = (chunks: AsyncIterable<string>) => (buffered ? joined(chunks) : streamOf(chunks));

  if (query.format === 'csv')
    return { body: await whole(csvChunks(selectedRows(reader, meta, query), columns)), contentType };
  // Stored bytes serve a whole version only; an offset (even without a limit) reshapes it.
  if (!isPlain(query) || query.offset > 0) {
    return { body: await whole(jsonChunks(envelope, selectedRows(reader, meta, query))), contentType };
  }
  const [open, close] = jsonParts(envelope).map((part) => encoder.encode(part)) as [Uint8Array, Uint8Array];
  async function* rows() {
    yield* storedPages(reader, meta);
    yield close;
  }
  // Streamed, the envelope goes first on its own: the metadata leaves before the first 1 MiB of rows.
  async function* body(rest: AsyncIterable<Uint8Array>) {
    yield open;
    yield* rest;
  }
  const length = open.byteLength + storedBytes + close.byteLength;
  return {
    body: buffered
      ? await concatenated(body(rows()), length)
      : fixedLengthBody(length, body(coalesced(rows(), streamWriteBytes))),
    contentType,
  };
}

/**
 * Stored bytes gathered into one buffer: one write instead of a write per page and separator, and a
 * body the isolate's response cache can keep. Every page is read before the headers go, so a page
 * pruned meanwhile is a 410, not a cut-off body.
 */
async function concatenated(chunks: AsyncIterable<Uint8Array>, length: number): Promise<Uint8Array> {
  const body = new Uint8Array(length);
  let at = 0;
  for await (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

async function joined(chunks: AsyncIterable<string>): Promise<string> {
  return (await collect(chunks)).join('');
}
