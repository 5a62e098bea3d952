/**
 * The history is stored in pages of consecutive versions, so a publish rewrites one page of at most
 * this many summaries (each under ~5 KB: `source` is capped at 4 KB) whatever the number of versions.
 * A whole history in one value would grow with every version and meet KV's 25 MiB limit.
 */
export const versionsPerHistoryPage = 100;

/** The history page holding a version (versions 1–100 are page 0). */
export const historyPageOf = (version: number) => Math.floor((version - 1) / versionsPerHistoryPage);

/** The first and last version a history page can hold. */
export function historyPageRange(page: number): { from: number; to: number } {
  return { from: page * versionsPerHistoryPage + 1, to: (page + 1) * versionsPerHistoryPage };
}

export interface VersionsPage<S extends { version: number }> {
  versions: S[];
  /** The `before` cursor of the next page, when older versions remain. */
  nextBefore?: number;
}

/**
 * Up to `limit` (at most a history page's worth) summaries of versions below `before`, newest first,
 * from at most two stored pages. `current` is the head's own summary: the history is written after
 * the head and may lag it, and the head always knows its version.
 */
export async function versionsBefore<S extends { version: number }>(
  readPage: (page: number) => Promise<S[]>,
  current: S,
  limit: number,
  before = Number.POSITIVE_INFINITY,
): Promise<VersionsPage<S>> {
  const versions: S[] = [];
  let top = Math.min(current.version, before - 1);
  if (top === current.version) {
    versions.push(current);
    top--;
  }
  // Any `limit` consecutive versions lie in at most two pages; the cursor goes on below them.
  let covered = top + 1;
  for (
    let page = historyPageOf(top), read = 0;
    page >= 0 && read < 2 && versions.length < limit;
    page--, read++
  ) {
    for (const summary of await readPage(page)) {
      if (summary.version <= top && versions.length < limit) versions.push(summary);
    }
    covered = historyPageRange(page).from;
  }
  const oldest = versions.length >= limit ? (versions.at(-1)?.version ?? covered) : covered;
  return oldest > 1 ? { versions, nextBefore: oldest } : { versions };
}
