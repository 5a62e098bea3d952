import type { DatasetReader } from './reader.ts';
import { type Head, summarize, type VersionSummary } from './records.ts';

export interface ListedVersion extends VersionSummary {
  /** Whether the version's rows are still kept; older ones answer 410 but stay listed. */
  rowsRetained: boolean;
}

/**
 * A dataset's versions, newest first, as the API's history and the history page list them. The
 * history is written after the head and may lag it in KV; the head always knows its own version.
 */
export async function listedVersions(reader: DatasetReader, head: Head): Promise<ListedVersion[]> {
  const history = await reader.history(head.dataset);
  const { retainedFrom, ...current } = head;
  const listed = history.some((v) => v.version === head.version) ? history : [summarize(current), ...history];
  return listed.map((summary) => ({ ...summary, rowsRetained: summary.version >= retainedFrom }));
}
