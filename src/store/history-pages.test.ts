import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyPageOf, historyPageRange, versionsBefore, versionsPerHistoryPage } from './history-pages.ts';

/** Pages as the writer stores them: versions 1..latest, each page newest first. */
function storedPages(latest: number) {
  const pages = new Map<number, { version: number }[]>();
  for (let version = latest; version >= 1; version--) {
    const page = historyPageOf(version);
    pages.set(page, [...(pages.get(page) ?? []), { version }]);
  }
  return pages;
}

describe('history pages', () => {
  it('put each version in the page whose range holds it', () => {
    for (const version of [1, 100, 101, 200, 201, 12_345]) {
      const { from, to } = historyPageRange(historyPageOf(version));
      expect(from).toBeLessThanOrEqual(version);
      expect(to).toBeGreaterThanOrEqual(version);
      expect(to - from + 1).toBe(versionsPerHistoryPage);
    }
  });

  it('walked by the next cursor, list every version once, newest first, reading two pages at most', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 450 }),
        fc.integer({ min: 1, max: versionsPerHistoryPage }),
        async (latest, limit) => {
          const pages = storedPages(latest);
          // The head is always known; its own page may lag it (written after the head).
          pages.set(historyPageOf(latest), (pages.get(historyPageOf(latest)) ?? []).slice(1));
          const listed: number[] = [];
          let before: number | undefined;
          do {
            let reads = 0;
            const readPage = async (page: number) => {
              reads++;
              return pages.get(page) ?? [];
            };
            const page = await versionsBefore(readPage, { version: latest }, limit, before);
            expect(page.versions.length).toBeLessThanOrEqual(limit);
            expect(reads).toBeLessThanOrEqual(2);
            listed.push(...page.versions.map((v) => v.version));
            before = page.nextBefore;
          } while (before !== undefined);
          expect(listed).toEqual(Array.from({ length: latest }, (_, i) => latest - i));
        },
      ),
    );
  });
});
