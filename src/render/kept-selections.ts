import { bytesPerLine, cacheBudget } from '../memory-budget.ts';
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
  maxWeight: cacheBudget.selections,
  // Text at up to two bytes a character, and each line's own string.
  weigh: (s) => 1_024 + (s.lines?.reduce((n, line) => n + 2 * line.length + bytesPerLine, 0) ?? 0),
});

/**
 * The lines as strings of their own. A line split from a page is a slice of the page's whole text,
 * which it keeps alive: a selection of 100 lines kept from a 2 MB page held the 2 MB, unweighed.
 * Joined and split again, the lines share only their own text.
 */
export const ownLines = (lines: readonly string[]): string[] =>
  lines.length === 0 ? [] : lines.join('\n').split('\n');
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
    if (selection.lines) kept.set(key, { ...selection, lines: ownLines(selection.lines) });
    return selection;
  } finally {
    underWay.delete(key);
  }
}
