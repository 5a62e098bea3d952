import { nextTurn } from '../stepped.ts';
import { historyPageOf } from './history-pages.ts';
import { keys } from './keys.ts';
import type { KvStore } from './kv.ts';
import type { CatalogueEntry, Head, VersionMeta, VersionSummary } from './records.ts';

export interface VersionWrite {
  meta: VersionMeta;
  /** Built one at a time as they are written (a large version's pages are never all held). */
  pages: Iterable<Uint8Array>;
  /** The row-level diff against the previous version as JSON text, stored beside it. */
  changes?: string;
  /** The summaries in this version's history page, newest first, this one included. */
  history: readonly VersionSummary[];
  retainedFrom: number;
}

/**
 * Writes one version so that readers never see half of it: rows and metadata first under the
 * version's own keys, then the head that makes it current, then the lists that mention it. A failure
 * part way leaves unreferenced keys behind and the previous head in charge.
 */
export async function writeVersion(store: KvStore, write: VersionWrite): Promise<Head> {
  const { meta } = write;
  const { dataset, version } = meta;
  await putPages(store, meta, write.pages);
  await store.put(keys.versionMeta(dataset, version), JSON.stringify(meta));
  if (write.changes !== undefined) await store.put(keys.changes(dataset, version), write.changes);
  const head: Head = { ...meta, retainedFrom: write.retainedFrom };
  await store.put(keys.head(dataset), JSON.stringify(head));
  await writeLists(store, meta, write.history);
  return head;
}

/** One page of the history (`history-pages.ts`): the summaries of its versions, newest first. */
export async function writeHistoryPage(
  store: KvStore,
  dataset: string,
  page: number,
  summaries: readonly VersionSummary[],
) {
  await store.put(keys.historyPage(dataset, page), JSON.stringify(summaries));
}

/**
 * The lists that mention the latest version: its page of the history and the catalogue entry. Written
 * after the head, and again by the writer when a publish failed between the two.
 */
export async function writeLists(
  store: KvStore,
  latest: Pick<VersionMeta, 'dataset' | 'version' | 'publishedAt' | 'rowCount'>,
  historyPage: readonly VersionSummary[],
) {
  const { dataset, version, publishedAt, rowCount } = latest;
  await writeHistoryPage(store, dataset, historyPageOf(version), historyPage);
  const entry: CatalogueEntry = { dataset, version, publishedAt, rowCount };
  await store.put(keys.catalogueEntry(dataset), JSON.stringify(entry));
}

/** Bytes of pages being written at once: enough for a few parallel writes, bounded for memory. */
const pagesInFlightBytes = 8 * 1024 * 1024;

/**
 * Writes pages a few at a time, each built only when there is room for it; fails on the first failure.
 * Building a page is a synchronous step (the writer's come from SQLite, a few ms for 2 MB): other
 * work goes in between two, so the pages of a large version are not one step of seconds. (Not after
 * the last: a one-page version, most of them, waits for no one.)
 */
async function putPages(
  store: KvStore,
  meta: Pick<VersionMeta, 'dataset' | 'version' | 'pageStarts'>,
  pages: Iterable<Uint8Array>,
) {
  const inFlight = new Set<Promise<void>>();
  let bytes = 0;
  let index = 0;
  const built = pages[Symbol.iterator]();
  for (;;) {
    if (index > 0 && index < meta.pageStarts.length) await nextTurn();
    const next = built.next();
    if (next.done) break;
    const page = next.value;
    while (inFlight.size > 0 && bytes + page.byteLength > pagesInFlightBytes) await Promise.race(inFlight);
    const size = page.byteLength;
    bytes += size;
    const done = store.put(keys.page(meta.dataset, meta.version, index++), copyOf(page)).then(() => {
      inFlight.delete(done);
      bytes -= size;
    });
    // Awaited by the race or the final wait; a failure left behind by an earlier one is not unhandled.
    done.catch(() => undefined);
    inFlight.add(done);
  }
  await Promise.all(inFlight);
}

/** What a deletion by prefix spent in KV operations, and whether it deleted every key. */
export interface Deleted {
  operations: number;
  done: boolean;
}

/**
 * Deletes the keys under `prefix` (a version's, say) but `keep`, spending at most `budget` KV
 * operations: a list reads up to 1,000 keys an operation, a delete is one. What the budget leaves
 * is found by a later call's list (which may show keys deleted in the last minute: deleting them
 * again costs budget, never correctness, as `done` needs every listed key gone).
 */
export async function deleteVersionKeys(
  store: KvStore,
  prefix: string,
  { keep, budget = Number.POSITIVE_INFINITY }: { keep?: string; budget?: number } = {},
): Promise<Deleted> {
  const listed = await store.list(prefix);
  const listing = Math.max(1, Math.ceil(listed.length / 1000));
  const doomed = listed.filter((key) => key !== keep);
  const now = doomed.slice(0, Math.max(0, budget - listing));
  await Promise.all(now.map((key) => store.delete(key)));
  return { operations: listing + now.length, done: now.length === doomed.length };
}

/**
 * Drops an old version's rows and diff; its metadata stays, so the history still lists it. The keys
 * are found by the version's prefix, not its page count: an attempt that was stopped part way and
 * abandoned may have left more pages under the same number than the version that took it wrote.
 */
export function pruneVersion(
  store: KvStore,
  meta: Pick<VersionMeta, 'dataset' | 'version'>,
  budget: number,
): Promise<Deleted> {
  const { dataset, version } = meta;
  return deleteVersionKeys(store, keys.versionPrefix(dataset, version), {
    keep: keys.versionMeta(dataset, version),
    budget,
  });
}

function copyOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.byteLength === bytes.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}
