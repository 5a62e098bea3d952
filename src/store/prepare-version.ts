import type { Column } from '../datasets/columns.ts';
import type { Row } from '../datasets/types.ts';
import { contentHash } from './content-hash.ts';
import { defaultPageSizing, type PageSizing } from './page-layout.ts';
import { serializeRows } from './pages.ts';
import type { VersionMeta } from './records.ts';

export interface VersionInput
  extends Omit<VersionMeta, 'rowCount' | 'pageStarts' | 'pageBytes' | 'contentHash'> {
  rows: readonly Row[];
  columns: Column[];
}

export interface PreparedVersion {
  meta: VersionMeta;
  pages: Uint8Array[];
}

/** Serializes rows into pages and describes them; nothing is written yet. */
export async function prepareVersion(
  input: VersionInput,
  sizing: PageSizing = defaultPageSizing,
): Promise<PreparedVersion> {
  const { rows, ...rest } = input;
  const serialized = serializeRows(rows, input.columns, sizing);
  const meta: VersionMeta = {
    ...rest,
    rowCount: serialized.rowCount,
    pageStarts: serialized.pageStarts,
    pageBytes: serialized.pageBytes,
    contentHash: await contentHash(serialized.pages),
  };
  return { meta, pages: serialized.pages };
}
