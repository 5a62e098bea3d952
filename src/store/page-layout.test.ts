import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultPageSizing,
  expectedPageCount,
  fixedPageSizing,
  PageCutter,
  pageTarget,
} from './page-layout.ts';

describe('page sizing', () => {
  it('keeps small pages for small versions and doubles the target every 16 pages up to 2 MiB', () => {
    const targets = [0, 15, 16, 32, 48, 64, 80, 1000].map((page) => pageTarget(defaultPageSizing, page));
    expect(targets).toEqual([128, 128, 256, 512, 1024, 2048, 2048, 2048].map((kib) => kib * 1024));
    expect(pageTarget(fixedPageSizing(300), 10_000)).toBe(300);
    // A 2 MB version keeps the 128 KB pages it always had; 215 MB (1,000,000 bench rows) is ~160 pages.
    expect(expectedPageCount(2 * 1024 * 1024)).toBe(16);
    expect(expectedPageCount(215 * 1024 * 1024)).toBeLessThan(170);
    expect(expectedPageCount(0)).toBe(0);
  });

  it('cuts pages where a row reaches the target, and counts their bytes with the separators', () => {
    const sizing = { first: 10, pagesPerDoubling: 2, largest: 40 };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 200 }), (lengths) => {
        const cutter = new PageCutter(sizing, 2);
        for (const length of lengths) cutter.add(length, length * 2);
        const { pageStarts, pageBytes } = cutter.layout;
        // The plain reference: fill each page until it reaches its target.
        const starts: number[] = [];
        const bytes: number[] = [];
        let chars = 0;
        lengths.forEach((length, row) => {
          if (starts.length === 0 || chars >= pageTarget(sizing, starts.length - 1)) {
            starts.push(row);
            bytes.push(-2);
            chars = 0;
          }
          chars += length + 2;
          bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) + length * 2 + 2;
        });
        expect(pageStarts).toEqual(starts);
        expect(pageBytes).toEqual(bytes);
        // However the rows fall, no more pages than the estimate for their characters needs plus one.
        const total = lengths.reduce((n, length) => n + length + 2, 0);
        expect(pageStarts.length).toBeLessThanOrEqual(expectedPageCount(total, sizing) + 1);
      }),
    );
  });
});
