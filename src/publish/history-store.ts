import type { VersionMeta } from '../store/records.ts';

/** A version the writer has made live, with the oldest version whose rows were kept at the time. */
export interface CommittedVersion {
  meta: VersionMeta;
  retainedFrom: number;
}

/** A version noted before its writes to KV; `headStarted` once the write of its head has begun. */
export interface PendingVersion extends CommittedVersion {
  headStarted: boolean;
}

/** A row of the current version: its canonical line and where it stood. */
export interface CurrentRow {
  line: string;
  position: number;
}

export interface RowWrites {
  upserts: { key: string; line: string; position: number }[];
  deletes: string[];
}

/**
 * The writer's authoritative record of one dataset: every version it made live, and the rows of the
 * current one keyed by the dataset's key (what the next diff compares against).
 */
export interface HistoryStore {
  latest(): CommittedVersion | null;
  find(version: number): { meta: VersionMeta; pruned: boolean } | null;
  /** The metadata of the versions from `from` to `to`, newest first (a history page's worth). */
  metas(from: number, to: number): VersionMeta[];
  currentRows(): Map<string, CurrentRow>;
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
   * Records a live version, moves the current rows to it and clears the pending note, all or nothing;
   * `listsStale` says whether KV's history page and catalogue entry still have to be written for it.
   */
  commit(version: CommittedVersion, rows: RowWrites, listsStale: boolean): void;
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
