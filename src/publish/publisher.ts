import { rowKey } from '../datasets/row-key.ts';
import type { Row } from '../datasets/types.ts';
import { logEvent } from '../log-event.ts';
import { stepped } from '../stepped.ts';
import { ContentHasher } from '../store/content-hash.ts';
import { historyPageOf, historyPageRange } from '../store/history-pages.ts';
import { keys } from '../store/keys.ts';
import type { KvStore } from '../store/kv.ts';
import { defaultPageSizing, PageCutter, type PageLayout, type PageSizing } from '../store/page-layout.ts';
import { rowSeparator, splitRows } from '../store/pages.ts';
import { type ChangeCounts, type Head, summarize, type VersionMeta } from '../store/records.ts';
import { utf8Length } from '../store/utf8-length.ts';
import {
  deleteVersionKeys,
  pruneVersion,
  type VersionWrite,
  writeHistoryPage,
  writeLists,
  writeVersion,
} from '../store/versions.ts';
import { changesDocumentText, countsOf } from './changes.ts';
import type { DuplicateRow, HistoryStore } from './history-store.ts';
import type { KeyedLine } from './keyed-line-stream.ts';
import type { PublishRequest } from './publish-request.ts';
import { maxLooks, type RenamedKey, renamedKeys } from './renamed-keys.ts';
import { type Shrink, shrinkBeyondGuard } from './shrink-guard.ts';

export type PublishResult =
  | { outcome: 'unchanged'; version: number }
  | { outcome: 'published'; version: number; rowCount: number; changes: ChangeCounts; renamed?: RenamedKey[] }
  | { outcome: 'stale'; version: number; baseVersion: number }
  | { outcome: 'shrink'; shrink: Shrink }
  | { outcome: 'oversized'; row: number; chars: number; limit: number }
  /** A dry run: what publishing would change against `version`, and what would refuse it, if anything. */
  | {
      outcome: 'checked';
      version: number;
      rowCount: number;
      changes: ChangeCounts;
      refusal?: Extract<PublishResult, { outcome: 'stale' | 'shrink' }>;
      renamed?: RenamedKey[];
    }
  | { outcome: 'duplicates'; duplicates: DuplicateRow[] }
  /** The rows stream ended without its end line; nothing was published. */
  | { outcome: 'cut' };

export type StoredVersion =
  /** Its pages are in KV: the Worker reads them a page at a time, never all at once. */
  | { status: 'found'; meta: VersionMeta }
  | { status: 'missing'; latest: number }
  /** Rows past retention; `retainedFrom` is the oldest version a rollback can still use. */
  | { status: 'pruned'; retainedFrom: number };

export interface WriterDeps {
  store: KvStore;
  history: HistoryStore;
  now?: () => Date;
  pageSizing?: PageSizing;
  /** KV operations a publish may spend pruning (`pruneBudget` unless a test sets fewer). */
  pruneBudget?: number;
}

/**
 * The most KV operations a publish spends pruning, beside its own (a 1,000,000-row version's pages
 * and keys are about 160): one version a publish, the steady state, fits with room. What does not
 * fit (retention lowered, prunes that failed, a version of more pages, what a stopped attempt left)
 * goes to the writer's alarm, never past the 1,000 operations an invocation may make.
 */
export const pruneBudget = 300;

/** What one run of the writer's alarm spends pruning: its own invocation, less a margin for retries. */
export const alarmPruneBudget = 900;

const decoder = new TextDecoder();

/**
 * The current rows live in SQLite, whose values hold at most 2 MB; a row longer than this (at up to
 * 3 bytes a character) could not be recorded after KV had made its version live. No spreadsheet row
 * comes near it (a Sheets cell holds 50,000 characters).
 */
const maxRowChars = 512 * 1024;

/** Repeated keys reported at most: they are found after the rows met the schema, so rarely many. */
const maxDuplicates = 100;

/**
 * Publishes one version from its rows as they arrive, in bounded memory: each row is staged in SQLite
 * (which finds a repeated key) and hashed, and the pages' layout is cut from the rows' lengths; once
 * the rows have ended, the hash says whether anything changed, SQL diffs the staged rows against the
 * current ones, and only then are pages built from the staged rows and written. A refused publish
 * (unchanged, stale, shrink, a repeated key, a row too long) writes nothing to KV.
 *
 * Callers run it one at a time per dataset (the Durable Object does), so the version number it takes
 * from the history is free. The version becomes live when KV's head names it; only then is it committed
 * to the history, so a failure before its head write begins leaves the previous version in charge
 * everywhere and the number free for the next attempt, and an attempt that stopped after that is
 * finished by the next call (`recover`).
 */
export async function publish(
  deps: WriterDeps,
  request: PublishRequest,
  rows: AsyncIterable<KeyedLine[]> | Iterable<KeyedLine[]>,
): Promise<PublishResult> {
  try {
    return await publishOnce(deps, request, rows);
  } finally {
    // A dry run writes nothing, mending included: the next publish mends.
    if (!request.dryRun) await rewriteStaleLists(deps);
  }
}

interface StagedRows {
  rowCount: number;
  layout: PageLayout;
  contentHash: string;
}

/** Stages every row, or says why the rows cannot be published. */
async function stageRows(
  deps: WriterDeps,
  rows: AsyncIterable<KeyedLine[]> | Iterable<KeyedLine[]>,
): Promise<StagedRows | Extract<PublishResult, { outcome: 'oversized' | 'duplicates' }>> {
  const { history } = deps;
  history.startStaging();
  const cutter = new PageCutter(deps.pageSizing ?? defaultPageSizing, rowSeparator.length);
  const hasher = new ContentHasher();
  const duplicates: DuplicateRow[] = [];
  let oversized: { row: number; chars: number } | undefined;
  let position = 0;
  // Every row is read, even after a refusal is certain: the stream must end for the caller to answer.
  for await (const batch of rows) {
    const from = position;
    position += batch.length;
    if (oversized || duplicates.length >= maxDuplicates) continue;
    const long = batch.findIndex(({ line }) => line.length > maxRowChars);
    if (long >= 0) {
      oversized = { row: from + long, chars: batch[long]?.line.length ?? 0 };
      continue;
    }
    duplicates.push(...history.stage(from, batch).slice(0, maxDuplicates - duplicates.length));
    if (duplicates.length > 0) continue;
    for (const { line } of batch) cutter.add(line.length, utf8Length(line));
    await hasher.add(batch.map(({ line }) => line));
  }
  if (oversized) return { outcome: 'oversized', ...oversized, limit: maxRowChars };
  if (duplicates.length > 0) return { outcome: 'duplicates', duplicates };
  return { rowCount: position, layout: cutter.layout, contentHash: await hasher.digest() };
}

async function publishOnce(
  deps: WriterDeps,
  request: PublishRequest,
  rows: AsyncIterable<KeyedLine[]> | Iterable<KeyedLine[]>,
): Promise<PublishResult> {
  // A dry run compares with the committed history; settling a pending version is a publish's work.
  if (!request.dryRun) await recover(deps, request.key);
  const latest = deps.history.latest();
  const current = latest?.meta.version ?? 0;
  const version = current + 1;
  const staged = await stageRows(deps, rows);
  if ('outcome' in staged) return staged;
  const prepared: VersionMeta = {
    dataset: request.dataset,
    version,
    publishedAt: (deps.now?.() ?? new Date()).toISOString(),
    rowCount: staged.rowCount,
    ...staged.layout,
    columns: request.columns,
    contentHash: staged.contentHash,
    schemaHash: request.schemaHash,
    publishedBy: request.publishedBy,
    ...(request.source !== undefined && { source: request.source }),
    ...(request.rolledBackFrom !== undefined && { rolledBackFrom: request.rolledBackFrom }),
  };
  // Content first: the head's own content cannot conflict with it, whatever version the caller last saw
  // (a scheduled sync that read a stale catalogue entry would otherwise be refused for good).
  if (latest && latest.meta.contentHash === prepared.contentHash) {
    return { outcome: 'unchanged', version: current };
  }
  const stale =
    request.baseVersion !== undefined && request.baseVersion !== current
      ? ({ outcome: 'stale', version: current, baseVersion: request.baseVersion } as const)
      : undefined;
  if (stale && !request.dryRun) return stale;

  const sizes = await stepped(deps.history.stagedDiff());
  const shrink = shrinkBeyondGuard(sizes.previousRows, sizes.removed.rows, request.shrinkGuard);
  const refusal = stale ?? (shrink && !request.force ? ({ outcome: 'shrink', shrink } as const) : undefined);
  const changes = countsOf(sizes);
  // Keys that look edited rather than replaced, for the editor; the counts stay one removed, one added.
  const renamed =
    sizes.added.rows > 0 && sizes.removed.rows > 0
      ? renamedKeys({ key: request.key, ...deps.history.keyChanges(maxLooks) })
      : [];
  const named = renamed.length > 0 ? { renamed } : {};
  if (request.dryRun) {
    const rowCount = staged.rowCount;
    return { outcome: 'checked', version: current, rowCount, changes, ...(refusal && { refusal }), ...named };
  }
  if (refusal) return refusal;

  const meta: VersionMeta = { ...prepared, changes };
  const retainedFrom = Math.max(latest?.retainedFrom ?? 1, version - request.retention + 1);
  deps.history.begin({ meta, retainedFrom });
  const listsWritten = await writeLive(
    deps.store,
    {
      meta,
      pages: stagedPages(deps.history, meta),
      changes: changesDocumentText(
        { dataset: request.dataset, version, previousVersion: latest ? current : null, key: request.key },
        sizes,
        deps.history,
      ),
      history: [summarize(meta), ...pageSummaries(deps.history, historyPageOf(version), version - 1)],
      retainedFrom,
    },
    () => deps.history.headStarted(),
  );
  deps.history.commit({ meta, retainedFrom }, !listsWritten);
  await prune(deps, retainedFrom, deps.pruneBudget ?? pruneBudget);
  return { outcome: 'published', version, rowCount: meta.rowCount, changes, ...named };
}

/** Each page of the version, built from its staged rows when its turn to be written comes. */
function* stagedPages(history: HistoryStore, meta: VersionMeta): Generator<Uint8Array> {
  const { pageStarts, rowCount } = meta;
  for (let page = 0; page < pageStarts.length; page++)
    yield history.stagedPage(pageStarts[page] ?? 0, pageStarts[page + 1] ?? rowCount);
}

/**
 * Settles a version left pending by an attempt that did not finish.
 *
 * Before its head write began, no reader can have had it (readers serve no version past the head they
 * see), so its number is free again; whatever it wrote under that number is deleted first, so the
 * version that takes the number next leaves no stray page of another content behind it.
 *
 * Once its head write began, the head may have landed: some location may have served the version, and
 * `/versions/{n}` is cached as immutable. Asking KV whether it landed proves nothing (a read can miss a
 * write for a minute), and abandoning it on such an answer would hand the number out again for other
 * content. So the version is finished instead: every page, its metadata and its diff were written
 * before its head, so writing the head again makes it live for certain, and it is committed from its
 * stored pages, staged again page by page (its lists marked stale: they may never have been written).
 * A failure here leaves it pending for the next call; its number is never reissued. (Keeping the number
 * only as a floor for the next one would leave a version behind that readers may have seen but the
 * history does not list.)
 */
async function recover(deps: WriterDeps, key: readonly string[]) {
  const pending = deps.history.pending();
  if (!pending) return;
  const { meta, retainedFrom } = pending;
  const { dataset, version } = meta;
  if (!pending.headStarted) {
    await deleteVersionKeys(deps.store, keys.versionPrefix(dataset, version));
    deps.history.abandon();
    return;
  }
  const head: Head = { ...meta, retainedFrom };
  await deps.store.put(keys.head(dataset), JSON.stringify(head));
  deps.history.startStaging();
  let position = 0;
  for (let page = 0; page < meta.pageStarts.length; page++) {
    const bytes = await deps.store.getBytes(keys.page(dataset, version, page));
    if (bytes === null) throw new Error(`A page of live version ${version} of ${dataset} is missing`);
    const lines = splitRows(decoder.decode(bytes));
    deps.history.stage(
      position,
      lines.map((line) => ({ key: rowKey(JSON.parse(line) as Row, key), line })),
    );
    position += lines.length;
  }
  deps.history.commit(pending, true);
  logEvent('publish.recovered', { dataset, version });
}

/**
 * `writeVersion` with two guarantees around failure. Every write it started has settled before the
 * error leaves, so a retry taking the same version number cannot be overtaken by a stray page of this
 * attempt. And once the head is written the version is live whatever fails after it (the history list
 * or catalogue entry), so it must be committed, not retried under the same number: false then says the
 * lists still have to be written.
 */
async function writeLive(store: KvStore, write: VersionWrite, headStarted: () => void): Promise<boolean> {
  const headKey = keys.head(write.meta.dataset);
  const started: Promise<void>[] = [];
  let live = false;
  const tracking: KvStore = {
    ...store,
    put(key, value) {
      if (key === headKey) headStarted();
      const done = store.put(key, value).then(() => {
        if (key === headKey) live = true;
      });
      started.push(done);
      return done;
    },
  };
  try {
    await writeVersion(tracking, write);
    return true;
  } catch (error) {
    await Promise.allSettled(started);
    if (!live) throw error;
    logEvent(
      'publish.lists-stale',
      { dataset: write.meta.dataset, version: write.meta.version, message: String(error) },
      'error',
    );
    return false;
  }
}

/** The summaries of a history page's versions up to `to`, newest first. */
function pageSummaries(history: HistoryStore, page: number, to = historyPageRange(page).to) {
  return history.metas(historyPageRange(page).from, to).map(summarize);
}

/**
 * Rewrites KV's history pages and catalogue entry from the history here, if a publish left them behind
 * its head: the pages from the oldest stale version to the latest. Readers and the scheduled sync take
 * versions from them, so they are mended on every call, whatever its outcome (an unchanged publish
 * included); a failure leaves the mark for the next call.
 */
async function rewriteStaleLists(deps: WriterDeps) {
  const from = deps.history.listsStaleFrom();
  if (from === null) return;
  const latest = deps.history.latest()?.meta;
  try {
    if (latest) {
      const last = historyPageOf(latest.version);
      for (let page = historyPageOf(from); page < last; page++)
        await writeHistoryPage(deps.store, latest.dataset, page, pageSummaries(deps.history, page));
      await writeLists(deps.store, latest, pageSummaries(deps.history, last));
      logEvent('publish.lists-rewritten', { dataset: latest.dataset, version: latest.version, from });
    }
    deps.history.listsWritten();
  } catch (error) {
    logEvent(
      'publish.lists-stale',
      { dataset: latest?.dataset, version: latest?.version, message: String(error) },
      'error',
    );
  }
}

/**
 * Drops the rows of versions past retention, oldest first, within a budget of KV operations; what is
 * left (or fails) is taken up again later (`prunesLeft`).
 */
async function prune(deps: WriterDeps, retainedFrom: number, initialBudget: number) {
  let budget = initialBudget;
  for (const meta of deps.history.unpruned(retainedFrom)) {
    // A list and one delete at least, or the version would cost a list and gain nothing.
    if (budget < 2) return;
    try {
      const { operations, done } = await pruneVersion(deps.store, meta, budget);
      budget -= operations;
      if (!done) return;
      deps.history.markPruned(meta.version);
    } catch (error) {
      logEvent(
        'prune.failed',
        { dataset: meta.dataset, version: meta.version, message: String(error) },
        'error',
      );
      return;
    }
  }
}

/** Whether versions past retention still hold rows: a budget cut their pruning short, or it failed. */
export function prunesLeft(history: HistoryStore): boolean {
  const latest = history.latest();
  return latest !== null && history.unpruned(latest.retainedFrom).length > 0;
}

/** Prunes what publishes left to prune, within `budget` KV operations (the writer's alarm). */
export async function pruneLeft(deps: WriterDeps, budget = alarmPruneBudget): Promise<void> {
  const latest = deps.history.latest();
  if (latest) await prune(deps, latest.retainedFrom, budget);
}

/** A version to roll back to, if retention keeps its rows; the history, not KV, says whether it exists. */
export function storedVersion(deps: WriterDeps, version: number): StoredVersion {
  const found = deps.history.find(version);
  const latest = deps.history.latest();
  if (!found || !latest) return { status: 'missing', latest: latest?.meta.version ?? 0 };
  if (found.pruned || version < latest.retainedFrom)
    return { status: 'pruned', retainedFrom: latest.retainedFrom };
  return { status: 'found', meta: found.meta };
}
