import type { VersionMeta } from '../store/records.ts';
import type { KeyedLine } from './keyed-line-stream.ts';
import type { PlacedLine } from './renamed-keys.ts';

/** A row whose key an earlier row has (rows from 0, in the order sent), with both lines as stored. */
export interface DuplicateRow {
  row: number;
  duplicateOf: number;
  line: string;
  earlierLine: string;
}

/** A version the writer has made live, with the oldest version whose rows were kept at the time. */
export interface CommittedVersion {
  meta: VersionMeta;
  retainedFrom: number;
}

/** A version noted before its writes to KV; `headStarted` once the write of its head has begun. */
export interface PendingVersion extends CommittedVersion {
  headStarted: boolean;
}

/** How the staged rows differ from the current ones, counted, with the stored bytes of each kind. */
export interface StagedDiff {
  previousRows: number;
  added: { rows: number; bytes: number };
  removed: { rows: number; bytes: number };
  changed: { rows: number; bytes: number };
}

/**
 * The writer's authoritative record of one dataset: every version it made live, the rows of the
 * current one keyed by the dataset's key (what the next diff compares against), and the rows of the
 * version being published, staged beside them so that a diff of any size is a query, not a Map.
 */
export interface HistoryStore {
  latest(): CommittedVersion | null;
  find(version: number): { meta: VersionMeta; pruned: boolean } | null;
  /** The metadata of the versions from `from` to `to`, newest first (a history page's worth). */
  metas(from: number, to: number): VersionMeta[];
  /** Drops whatever is staged and starts staging the rows of a new version. */
  startStaging(): void;
  /**
   * Stages rows in one transaction, the first at position `from` (positions count from 0, in order).
   * A row whose key a staged row already has is not staged, and is returned with that row.
   */
  stage(from: number, rows: readonly KeyedLine[]): DuplicateRow[];
  /**
   * The stored page of the staged rows at positions `from` (inclusive) to `to` (exclusive): their
   * lines in order, joined by `rowSeparator`, as UTF-8.
   */
  stagedPage(from: number, to: number): Uint8Array;
  /**
   * How the staged rows differ from the current ones, counted a range of rows a step (`rowsPerStep`,
   * a default that suits): run it with `stepped`, which lets the isolate's other work in between.
   */
  stagedDiff(rowsPerStep?: number): Generator<void, StagedDiff>;
  /** Lines of staged rows whose key is new, in their order. */
  added(): Iterable<string>;
  /** Lines of current rows whose key is not staged, in their previous order. */
  removed(): Iterable<string>;
  /**
   * The first `limit` rows of each side of a key change, each with its position: staged rows whose key
   * is new (new positions) and current rows whose key is not staged (previous positions).
   */
  keyChanges(limit: number): { added: PlacedLine[]; removed: PlacedLine[] };
  /** Current and staged lines of the rows whose key stays and whose content changed, in the new order. */
  changed(): Iterable<{ before: string; after: string }>;
  /**
   * Notes a version about to be written to KV. It stays noted until committed or abandoned: if the
   * object is reset (or a write's outcome is unknown) part way, the next publish finds it here.
   */
  begin(version: CommittedVersion): void;
  /** Notes that the pending version's head is being written: from now on readers may have it. */
  headStarted(): void;
  pending(): PendingVersion | null;
  abandon(): void;
  /**
   * Records a live version, makes the staged rows the current ones and clears the pending note, all or
   * nothing; `listsStale` says whether KV's history page and catalogue entry still have to be written.
   */
  commit(version: CommittedVersion, listsStale: boolean): void;
  /**
   * The oldest version whose history page or catalogue entry may lag the history here (a write of them
   * failed after the head, or a version was recovered), or null; the next publish rewrites the pages
   * from it to the latest, whatever its outcome.
   */
  listsStaleFrom(): number | null;
  /** Clears the flag once the lists are written. */
  listsWritten(): void;
  /** Versions older than `version` whose rows are still stored. */
  unpruned(before: number): VersionMeta[];
  markPruned(version: number): void;
}
