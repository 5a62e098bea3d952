import { historyPageOf } from './history-pages.ts';
import { keys } from './keys.ts';
import type { KvStore } from './kv.ts';
import type { CatalogueEntry, Head, VersionMeta, VersionSummary } from './records.ts';

export interface VersionWrite {
  meta: VersionMeta;
  pages: readonly Uint8Array[];
  /** The row-level diff against the previous version, stored beside it. */
  changes?: unknown;
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
  await Promise.all(write.pages.map((page, i) => store.put(keys.page(dataset, version, i), copyOf(page))));
  await store.put(keys.versionMeta(dataset, version), JSON.stringify(meta));
  if (write.changes !== undefined)
    await store.put(keys.changes(dataset, version), JSON.stringify(write.changes));
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

/**
 * Drops an old version's rows and diff; its metadata stays, so the history still lists it. The keys
 * are found by the version's prefix, not its page count: an attempt that was stopped part way and
 * abandoned may have left more pages under the same number than the version that took it wrote.
 */
export async function pruneVersion(store: KvStore, meta: Pick<VersionMeta, 'dataset' | 'version'>) {
  const { dataset, version } = meta;
  const kept = keys.versionMeta(dataset, version);
  const stored = await store.list(keys.versionPrefix(dataset, version));
  await Promise.all(stored.filter((key) => key !== kept).map((key) => store.delete(key)));
}

function copyOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.byteLength === bytes.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}
