import { canonicalQuery } from '../query/query-string.ts';
import type { ReadQuery } from '../query/read-query.ts';
import { BoundedCache } from '../store/bounded-cache.ts';
import type { VersionMeta } from '../store/records.ts';
import type { Selection } from './selected-rows.ts';

/**
 * Selections (matches, counts, facets, the lines of the page) kept in the isolate. A version never
 * changes, so a selection stays right as long as its version is kept, whereas the latest route's
 * responses are only kept for seconds: without this, every expiry ran the query over every row
 * again. Requests that arrive while the same selection is being made wait for it instead of making
 * it again.
 */
const kept = new BoundedCache<Selection>({
  maxWeight: 8 * 1024 * 1024,
  weigh: (s) => 1_024 + 2 * (s.lines?.reduce((n, line) => n + line.length, 0) ?? 0),
});
const underWay = new Map<string, Promise<Selection>>();

export async function keptSelection(
  meta: VersionMeta,
  query: ReadQuery,
  make: () => Promise<Selection>,
): Promise<Selection> {
  // The format only changes how the selection is written; the content hash ties it to the rows.
  const key = `${meta.dataset}|${meta.version}|${meta.contentHash}|${canonicalQuery({ ...query, format: 'json' })}`;
  const found = kept.get(key) ?? underWay.get(key);
  if (found) return found;
  const making = make();
  underWay.set(key, making);
  try {
    const selection = await making;
    // Too many lines to hold were not held: such a selection streams again each time.
    if (selection.lines) kept.set(key, selection);
    return selection;
  } finally {
    underWay.delete(key);
  }
}
