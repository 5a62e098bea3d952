import { describe, expect, it } from 'vitest';
import type { Column } from '../datasets/columns.ts';
import { fixedPageSizing } from './page-layout.ts';
import { prepareVersion } from './prepare-version.ts';

const columns: Column[] = [
  { name: 'a', type: 'integer', nullable: false },
  { name: 'b', type: 'string', nullable: true },
];

describe('prepareVersion', () => {
  it('hashes content, not page layout or key order', async () => {
    const base = { dataset: 'd', version: 1, publishedAt: '', columns, schemaHash: '' };
    const one = await prepareVersion({ ...base, rows: [{ a: 1, b: 'x' }] });
    const reordered = await prepareVersion({ ...base, rows: [{ b: 'x', a: 1 }] });
    const other = await prepareVersion({ ...base, rows: [{ a: 1, b: 'y' }] });
    expect(one.meta.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reordered.meta.contentHash).toBe(one.meta.contentHash);
    expect(other.meta.contentHash).not.toBe(one.meta.contentHash);
    const rows = Array.from({ length: 300 }, (_, a) => ({ a, b: null }));
    const small = await prepareVersion({ ...base, rows }, fixedPageSizing(256));
    const large = await prepareVersion({ ...base, rows });
    expect(small.pages.length).toBeGreaterThan(1);
    expect(small.meta.contentHash).toBe(large.meta.contentHash);
  });
});
