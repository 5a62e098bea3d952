import { describe, expect, it } from 'vitest';
import type { Column } from '../datasets/columns.ts';
import { defaultPageSizing, fixedPageSizing } from './page-layout.ts';
import { pageOf, rowSeparator, serializeRows, splitRows } from './pages.ts';

const columns: Column[] = [
  { name: 'a', type: 'integer', nullable: false },
  { name: 'b', type: 'string', nullable: true },
];

describe('pages', () => {
  it('stores rows in column order, absent cells as null, and splits back without parsing', () => {
    const { pages, pageStarts } = serializeRows([{ b: 'x\ny', a: 1 }, { a: 2 }], columns, defaultPageSizing);
    expect(pageStarts).toEqual([0]);
    const text = new TextDecoder().decode(pages[0]);
    expect(text).toBe(`{"a":1,"b":"x\\ny"}${rowSeparator}{"a":2,"b":null}`);
    expect(splitRows(text).map((line) => JSON.parse(line))).toEqual([
      { a: 1, b: 'x\ny' },
      { a: 2, b: null },
    ]);
  });

  it('cuts pages near the byte target and finds the page of any row', () => {
    const rows = Array.from({ length: 1000 }, (_, a) => ({ a, b: 'x'.repeat(a % 50) }));
    const { pages, pageStarts, pageBytes } = serializeRows(rows, columns, fixedPageSizing(4096));
    expect(pages.length).toBeGreaterThan(5);
    expect(pageBytes.every((bytes) => bytes < 4096 + 100)).toBe(true);
    const all = pages.flatMap((p) => splitRows(new TextDecoder().decode(p)).map((l) => JSON.parse(l).a));
    expect(all).toEqual(rows.map((r) => r.a));
    // Every row, so the rows that start a page (where an off-by-one lands) are among them.
    for (const index of rows.keys()) {
      const page = pageOf(pageStarts, index);
      expect(pageStarts[page]).toBeLessThanOrEqual(index);
      expect(pageStarts[page + 1] ?? Infinity).toBeGreaterThan(index);
    }
    expect(pageStarts.map((start) => pageOf(pageStarts, start))).toEqual([...pageStarts.keys()]);
  });
});
