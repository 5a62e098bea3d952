/**
 * One isolate's memory, and how much of it the caches may keep: the one place that says so.
 *
 * Cloudflare gives an isolate 128 MB, shared by every request it serves at once (error 1102 past it),
 * and a buffered body counts as well as the JavaScript heap. (DevTools' `Runtime.getHeapUsage`, which
 * the bench samples, does not count `ArrayBuffer` bytes: a held 20 MB `Uint8Array` leaves its
 * `usedSize` unchanged. So a cache of bytes looks free in the bench and is not.)
 *
 * The caches get 16 MB in all, counting both kinds, so that what must also fit beside them does:
 * - a publish streamed through this isolate, 1,000,000 rows of NDJSON, whose garbage V8 lets grow
 *   with the live heap before it collects: issue 18 asks under 64 MB of heap for the whole isolate;
 * - a full download of such a version (about 160 pages of up to 2 MB, a few in flight), under 32 MB;
 * - the other requests in flight, and V8's own slack before it collects.
 * Before this budget the caches could hold 56 MB by their own count and far more in fact (a page
 * split into rows held its text twice, as bytes and as strings, and was weighed once), and a
 * 1,000,000-row publish in an isolate full of them peaked at 112 MB (BENCHMARKS.md).
 */
const MB = 1024 * 1024;

export const cacheBudget = {
  /**
   * Finished responses (`src/http/response-cache.ts`), by their bodies' bytes: half for the latest
   * versions, half for numbered ones. A half holds a 10,000-row version as JSON (2.1 MB) and as CSV
   * (1 MB) with room for the small answers; a body near 4 MB, the largest buffered, is not kept.
   */
  responses: 8 * MB,
  /**
   * Stored pages (`src/store/reader.ts`), as their bytes and, once a query has split one into rows,
   * its text as strings too. Enough for the pages that small and paged reads return to (a 128 KB page
   * and its rows cost about 400 KB); a query over a large version reads its pages again from KV, and
   * keeps its selection instead.
   */
  pages: 6 * MB,
  /** Query selections (`src/render/kept-selections.ts`): the lines of the pages they answer. */
  selections: 2 * MB,
} as const;

/**
 * What V8 spends on a kept line's string beyond its text (a string's header and its array slot): how
 * the caches that hold lines weigh each one.
 */
export const bytesPerLine = 40;

/** Everything the caches may hold at once. */
export const cacheBudgetTotal = cacheBudget.responses + cacheBudget.pages + cacheBudget.selections;
