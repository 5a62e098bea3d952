import { versionsBefore, versionsPerHistoryPage } from './history-pages.ts';
import type { DatasetReader } from './reader.ts';
import { type Head, summarize, type VersionSummary } from './records.ts';

export interface ListedVersion extends VersionSummary {
  /** Whether the version's rows are still kept; older ones answer 410 but stay listed. */
  rowsRetained: boolean;
}

/** The query of the page after one listed with `limit`: the same size, from the `before` cursor. */
export const olderVersionsQuery = (limit: number | undefined, before: number) =>
  `?${limit === undefined ? '' : `limit=${limit}&`}before=${before}`;

export interface ListedVersions {
  versions: ListedVersion[];
  /** The `before` cursor of the next page, when older versions remain. */
  nextBefore?: number;
}

/**
 * A page of a dataset's versions, newest first, as the API's history and the history page list them:
 * up to `limit` versions below `before`. The history is written after the head and may lag it in KV;
 * the head always knows its own version.
 */
export async function listedVersions(
  reader: DatasetReader,
  head: Head,
  limit = versionsPerHistoryPage,
  before?: number,
): Promise<ListedVersions> {
  const { retainedFrom, ...current } = head;
  const page = await versionsBefore(
    (n) => reader.historyPage(head.dataset, n),
    summarize(current),
    limit,
    before,
  );
  return {
    versions: page.versions.map((summary) => ({ ...summary, rowsRetained: summary.version >= retainedFrom })),
    ...(page.nextBefore !== undefined && { nextBefore: page.nextBefore }),
  };
}
