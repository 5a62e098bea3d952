import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { keys } from './keys.ts';
import { kvStore } from './kv.ts';
import { rowSeparator } from './pages.ts';
import { createReader, createReaderCaches } from './reader.ts';
import type { VersionMeta } from './records.ts';

/** A stored version of `pages` pages of `rowsPerPage` rows, each row `text` repeated. */
async function storedVersion(dataset: string, pages: number, rowsPerPage: number, text: string) {
  const encoder = new TextEncoder();
  const pageBytes: number[] = [];
  for (let page = 0; page < pages; page++) {
    const rows = Array.from({ length: rowsPerPage }, (_, i) => JSON.stringify({ i, text }));
    const bytes = encoder.encode(rows.join(rowSeparator));
    pageBytes.push(bytes.byteLength);
    await env.DATASETS.put(keys.page(dataset, 1, page), bytes);
  }
  const pageStarts = Array.from({ length: pages }, (_, page) => page * rowsPerPage);
  return { dataset, version: 1, pageStarts, pageBytes, rowCount: pages * rowsPerPage } as VersionMeta;
}

describe("the reader's page cache", () => {
  it('weighs a page split into rows by its bytes and its strings, and keeps within its budget', async () => {
    const budget = 1024 * 1024;
    const caches = createReaderCaches(budget);
    const reader = createReader(kvStore(env.DATASETS), caches);
    const meta = await storedVersion('weighed-pages', 12, 1000, 'x'.repeat(100));
    const bytes = meta.pageBytes[0] ?? 0;

    await reader.page(meta, 0);
    expect(caches.pages.weight).toBe(bytes);
    const rows = await reader.pageRows(meta, 0);
    expect(rows).toHaveLength(1000);
    // ASCII text is a byte a character in V8, beside the bytes it was decoded from, plus a header a row.
    expect(caches.pages.weight).toBeGreaterThan(2 * bytes);

    for (let page = 0; page < meta.pageStarts.length; page++) {
      await reader.pageRows(meta, page);
      expect(caches.pages.weight).toBeLessThanOrEqual(budget);
    }
  });

  it('weighs text beyond Latin-1 at two bytes a character', async () => {
    const caches = createReaderCaches();
    const reader = createReader(kvStore(env.DATASETS), caches);
    const meta = await storedVersion('weighed-wide', 1, 100, '中'.repeat(100));
    await reader.pageRows(meta, 0);
    const characters = (await reader.pageRows(meta, 0))?.reduce((n, row) => n + row.length, 0) ?? 0;
    expect(caches.pages.weight).toBeGreaterThan((meta.pageBytes[0] ?? 0) + 2 * characters);
  });

  it('drops a page that, split into rows, no longer fits the cache at all', async () => {
    const caches = createReaderCaches(150 * 1024);
    const reader = createReader(kvStore(env.DATASETS), caches);
    const meta = await storedVersion('too-heavy', 1, 1000, 'y'.repeat(80));
    expect(meta.pageBytes[0]).toBeLessThan(150 * 1024);
    await reader.page(meta, 0);
    expect(caches.pages.weight).toBe(meta.pageBytes[0]);
    expect(await reader.pageRows(meta, 0)).toHaveLength(1000);
    expect(caches.pages.weight).toBe(0);
  });
});
