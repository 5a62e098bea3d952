import type { Row } from '../datasets/types.ts';
import { rowsGone } from '../http/rows-gone.ts';
import type { FacetCounts } from '../query/facets.ts';
import type { Format, ReadQuery } from '../query/read-query.ts';
import { looksAtEveryRow } from '../query/read-query.ts';
import { project } from '../query/rows.ts';
import { rowSeparator } from '../store/pages.ts';
import type { DatasetReader } from '../store/reader.ts';
import type { VersionMeta } from '../store/records.ts';
import { coalesced, fixedLengthBody, streamOf } from './byte-stream.ts';
import { csvChunk } from './csv.ts';
import { keptSelection } from './kept-selections.ts';
import { matchingLines, storedLines, survey } from './selected-rows.ts';

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
  /** Rows matching the filters and search, when the query has any. */
  matchCount?: number;
}

export const contentTypes: Record<Format, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson',
};

const encoder = new TextEncoder();
const csvBatch = 1_000;
const maxBufferedBytes = 4 * 1024 * 1024;
const streamWriteBytes = 1024 * 1024;
const streamTextChars = 256 * 1024;

/** The envelope's members, then `data` last, so metadata arrives before a long array of rows. */
function jsonParts(envelope: object): [string, string] {
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
    if (!page) throw rowsGone(meta);
    if (i > 0) yield separator;
    yield page;
  }
}

/** A stored line as the answer shows it: as stored, or only the fields asked for. */
function reshaped(fields: ReadQuery['fields']): (line: string) => string {
  return fields ? (line) => JSON.stringify(project(JSON.parse(line) as Row, fields)) : (line) => line;
}

async function* csvChunks(
  lines: AsyncIterable<string> | Iterable<string>,
  query: ReadQuery,
  columns: string[],
) {
  let batch: Row[] = [];
  let first = true;
  for await (const line of lines) {
    batch.push(project(JSON.parse(line) as Row, query.fields));
    if (batch.length === csvBatch) {
      yield csvChunk(batch, columns, first);
      batch = [];
      first = false;
    }
  }
  if (batch.length > 0 || first) yield csvChunk(batch, columns, first);
}

async function* jsonChunks(
  envelope: object,
  lines: AsyncIterable<string> | Iterable<string>,
  query: ReadQuery,
) {
  const [open, close] = jsonParts(envelope);
  const shape = reshaped(query.fields);
  yield open;
  let first = true;
  for await (const line of lines) {
    yield (first ? '' : rowSeparator) + shape(line);
    first = false;
  }
  yield close;
}

async function* ndjsonChunks(lines: AsyncIterable<string> | Iterable<string>, query: ReadQuery) {
  const shape = reshaped(query.fields);
  for await (const line of lines) yield `${shape(line)}\n`;
}

/**
 * Text gathered into chunks of about `size` characters: a streamed body's cost grows with its number
 * of writes, and a row is one small string.
 */
async function* batched(chunks: AsyncIterable<string>, size: number): AsyncGenerator<string> {
  let parts: string[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** The selected lines rendered in the query's format, as chunks of text. */
function rendered(
  envelope: object,
  lines: AsyncIterable<string> | Iterable<string>,
  query: ReadQuery,
  columns: string[],
): AsyncGenerator<string> {
  if (query.format === 'csv') return csvChunks(lines, query, columns);
  const rows = query.format === 'ndjson' ? ndjsonChunks(lines, query) : jsonChunks(envelope, lines, query);
  return batched(rows, streamTextChars);
}

/** The envelope of a selection: matches and facets before the links. */
function withSelection(
  envelope: Envelope,
  next: string | undefined,
  matchCount?: number,
  facets?: FacetCounts,
) {
  const { links, ...head } = envelope;
  return {
    ...head,
    ...(matchCount !== undefined && { matchCount }),
    ...facets,
    links: next ? { ...links, next } : links,
  };
}

/**
 * Renders the rows a query selects. Whole versions stream from stored pages (as stored bytes when
 * nothing reshapes them); a page (`limit`) of stored rows is gathered first, one row past the end, to
 * know whether `links.next` exists. Filters, search, sort and facets look at every row once
 * (`survey`), which also counts the matches.
 */
export async function rowsBody(
  reader: DatasetReader,
  meta: VersionMeta,
  query: ReadQuery,
  envelope: Envelope,
  nextLink: () => string,
): Promise<RowsBody> {
  const columns = (query.fields ?? meta.columns).map((c) => c.name);
  const contentType = contentTypes[query.format];
  // Up to a few MB a whole body is built once in memory, which the isolate's response cache can
  // keep; beyond that it streams page by page and is never held whole.
  const storedBytes =
    meta.pageBytes.reduce((n, b) => n + b, 0) + rowSeparator.length * Math.max(0, meta.pageBytes.length - 1);
  const buffered = storedBytes <= maxBufferedBytes;
  const whole = async (chunks: AsyncIterable<string>) => (buffered ? joined(chunks) : streamOf(chunks));

  if (looksAtEveryRow(query)) {
    const selection = await keptSelection(meta, query, () => survey(reader, meta, query));
    const more = query.limit !== undefined && query.offset + query.limit < selection.total;
    const next = more ? nextLink() : undefined;
    const full = withSelection(envelope, next, selection.matchCount, selection.facets);
    const lines = selection.lines ?? matchingLines(reader, meta, query);
    const chunks = rendered(full, lines, query, columns);
    // A page, or few enough rows, is built whole (and kept); a long selection (a sort of every row)
    // streams from the lines it holds.
    const small =
      query.limit !== undefined ||
      (selection.lines?.reduce((n, line) => n + line.length, 0) ?? Infinity) <= maxBufferedBytes;
    const body = selection.lines && small ? await joined(chunks) : streamOf(chunks);
    return {
      body,
      contentType,
      ...(next && { next }),
      ...(selection.matchCount !== undefined && { matchCount: selection.matchCount }),
    };
  }

  if (query.limit !== undefined) {
    const end = Math.min(meta.rowCount, query.offset + query.limit + 1);
    const page = await collect(storedLines(reader, meta, query.offset, end));
    const hasNext = page.length > query.limit;
    if (hasNext) page.pop();
    const next = hasNext ? nextLink() : undefined;
    const body = await joined(rendered(withSelection(envelope, next), page, query, columns));
    return { body, contentType, ...(next && { next }) };
  }

  // Stored bytes serve a whole version only; an offset (even without a limit) reshapes it.
  if (query.format !== 'json' || query.offset > 0 || query.fields) {
    return {
      body: await whole(rendered(envelope, storedLines(reader, meta, query.offset), query, columns)),
      contentType,
    };
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
