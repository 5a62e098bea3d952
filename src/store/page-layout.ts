/**
 * How rows are cut into stored pages. Small versions get small pages, so a query for a few rows reads
 * little; a large version gets fewer, larger pages, because every page is one KV operation to write,
 * one to delete when pruned and one to read in a full download, and an invocation may make 1,000.
 * A page's target doubles every `pagesPerDoubling` pages up to `largest`: with the defaults a version
 * under 2 MB keeps 128 KB pages, and 1,000,000 rows × 12 columns (about 215 MB) take about 160 pages.
 */
export interface PageSizing {
  /** Target of the first pages, in characters of stored JSON (a page ends once it reaches it). */
  first: number;
  pagesPerDoubling: number;
  /** Target no page grows past: well under KV's 25 MiB a value, even for text at 3 bytes a character. */
  largest: number;
}

export const defaultPageSizing: PageSizing = {
  first: 128 * 1024,
  pagesPerDoubling: 16,
  largest: 2 * 1024 * 1024,
};

/** A fixed target for every page (tests that want many pages from few rows). */
export const fixedPageSizing = (target: number): PageSizing => ({
  first: target,
  pagesPerDoubling: Number.POSITIVE_INFINITY,
  largest: target,
});

export function pageTarget(sizing: PageSizing, page: number): number {
  const doublings = Math.floor(page / sizing.pagesPerDoubling);
  return Math.min(sizing.largest, sizing.first * 2 ** Math.min(doublings, 40));
}

/**
 * About how many pages a version of `chars` characters of stored rows takes (each page holds its
 * target; a page overshoots it by less than one row). For the bench's report of KV operations.
 */
export function expectedPageCount(chars: number, sizing: PageSizing = defaultPageSizing): number {
  let pages = 0;
  for (let left = chars; left > 0; pages++) left -= pageTarget(sizing, pages);
  return pages;
}

/** The KV operations a publish of a new version takes: its pages, meta, changes, head, history page, catalogue. */
export const publishOperations = (pages: number) => pages + 5;
/** Pruning a version: one list (up to 1,000 keys), then each page and the diff deleted. */
export const pruneOperations = (pages: number) => Math.ceil((pages + 2) / 1000) + pages + 1;
/** A full download of a version not cached in the isolate: its head, then each page. */
export const downloadOperations = (pages: number) => 1 + pages;

export interface PageLayout {
  /** Index of the first row of each page. */
  pageStarts: number[];
  /** Encoded length of each page, separators between its rows included. */
  pageBytes: number[];
}

/**
 * Cuts rows into pages as they come, from each row's length alone, so the layout is known before a
 * page is built (the writer then builds each page from its staged rows).
 */
export class PageCutter {
  readonly #sizing: PageSizing;
  readonly #separatorLength: number;
  readonly layout: PageLayout = { pageStarts: [], pageBytes: [] };
  #rows = 0;
  #chars = 0;
  #open = false;

  constructor(sizing: PageSizing, separatorLength: number) {
    this.#sizing = sizing;
    this.#separatorLength = separatorLength;
  }

  /** Adds the next row, `chars` characters and `bytes` bytes of stored JSON; true when it ended a page. */
  add(chars: number, bytes: number): boolean {
    const { pageStarts, pageBytes } = this.layout;
    if (!this.#open) {
      pageStarts.push(this.#rows);
      pageBytes.push(bytes);
      this.#chars = 0;
      this.#open = true;
    } else {
      pageBytes[pageBytes.length - 1] = (pageBytes.at(-1) ?? 0) + this.#separatorLength + bytes;
    }
    this.#rows++;
    this.#chars += chars + this.#separatorLength;
    if (this.#chars >= pageTarget(this.#sizing, pageStarts.length - 1)) this.#open = false;
    return !this.#open;
  }
}
