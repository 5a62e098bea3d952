import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/datasets/columns.ts';
import { BoundedCache } from '../../../src/store/bounded-cache.ts';
import { pageOf, rowSeparator, serializeRows, splitRows } from '../../../src/store/pages.ts';
import { prepareVersion } from '../../../src/store/prepare-version.ts';

const columns: Column[] = [
  { name: 'a', type: 'integer', nullable: false },
  { name: 'b', type: 'string', nullable: true },
];

describe('pages', () => {
  it('stores rows in column order, absent cells as null, and splits back without parsing', () => {
    const { pages, pageStarts } = serializeRows([{ b: 'x\ny', a: 1 }, { a: 2 }], columns);
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
    const { pages, pageStarts, pageBytes } = serializeRows(rows, columns, 4096);
    expect(pages.length).toBeGreaterThan(5);
    expect(pageBytes.every((bytes) => bytes < 4096 + 100)).toBe(true);
    const all = pages.flatMap((p) => splitRows(new TextDecoder().decode(p)).map((l) => JSON.parse(l).a));
    expect(all).toEqual(rows.map((r) => r.a));
    for (const index of [0, 1, 499, 998, 999]) {
      const page = pageOf(pageStarts, index);
      expect(pageStarts[page]).toBeLessThanOrEqual(index);
      expect(pageStarts[page + 1] ?? Infinity).toBeGreaterThan(index);
    }
  });

  it('hashes content, not page layout or key order', async () => {
    const base = { dataset: 'd', version: 1, publishedAt: '', columns, schemaHash: '' };
    const one = await prepareVersion({ ...base, rows: [{ a: 1, b: 'x' }] });
    const reordered = await prepareVersion({ ...base, rows: [{ b: 'x', a: 1 }] });
    const other = await prepareVersion({ ...base, rows: [{ a: 1, b: 'y' }] });
    expect(one.meta.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reordered.meta.contentHash).toBe(one.meta.contentHash);
    expect(other.meta.contentHash).not.toBe(one.meta.contentHash);
    const rows = Array.from({ length: 300 }, (_, a) => ({ a, b: null }));
    const small = await prepareVersion({ ...base, rows }, 256);
    const large = await prepareVersion({ ...base, rows });
    expect(small.pages.length).toBeGreaterThan(1);
    expect(small.meta.contentHash).toBe(large.meta.contentHash);
  });
});

describe('BoundedCache', () => {
  it('evicts the least recently used past its weight', () => {
    const cache = new BoundedCache<string>({ maxWeight: 6, weigh: (v) => v.length });
    cache.set('a', 'aa');
    cache.set('b', 'bb');
    cache.get('a');
    cache.set('c', 'cccc');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aa');
    expect(cache.get('c')).toBe('cccc');
    cache.set('huge', 'x'.repeat(7));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('expires entries after their time to live, and keeps a cached null', () => {
    let now = 0;
    const cache = new BoundedCache<string | null>({ maxWeight: 10, ttlMs: 100, now: () => now });
    cache.set('gone', null);
    expect(cache.get('gone')).toBeNull();
    now = 100;
    expect(cache.get('gone')).toBeUndefined();
  });
});
