import type { Column } from '../datasets/columns.ts';

export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
}

/** Everything about one immutable version except its rows. Written once, never rewritten. */
export interface VersionMeta {
  dataset: string;
  version: number;
  publishedAt: string;
  rowCount: number;
  /** Index of the first row of each page; its length is the page count. */
  pageStarts: number[];
  /** Encoded length of each page, so a whole-version response can declare its length up front. */
  pageBytes: number[];
  columns: Column[];
  /** SHA-256 of the canonical rows: equal hashes mean equal content. */
  contentHash: string;
  schemaHash: string;
  /** The label of the admin token that published it, never the token. */
  publishedBy?: string;
  source?: Record<string, unknown>;
  rolledBackFrom?: number;
  changes?: ChangeCounts;
}

/** The per-dataset pointer readers follow: the current version's metadata plus what retention keeps. */
export interface Head extends VersionMeta {
  /** Oldest version whose rows are still stored; older ones answer 410. */
  retainedFrom: number;
}

export type VersionSummary = Omit<VersionMeta, 'pageStarts' | 'pageBytes' | 'columns'>;

export interface CatalogueEntry {
  dataset: string;
  version: number;
  publishedAt: string;
  rowCount: number;
}

export function summarize(meta: VersionMeta): VersionSummary {
  const { pageStarts: _starts, pageBytes: _bytes, columns: _columns, ...summary } = meta;
  return summary;
}
