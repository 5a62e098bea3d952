import { describe, expect, it } from 'vitest';
import { feedLinks } from '../../../src/routes/feeds.ts';
import { testApp } from '../support/app.ts';
import { seedVersions } from '../support/seed.ts';
import { items, testDataset } from '../support/test-dataset.ts';

async function seeded(count = 5, pageTarget = 256) {
  const app = testApp();
  await seedVersions(app.store, testDataset, [items(count)], { pageTarget });
  return app;
}

const parsed = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

describe('NDJSON', () => {
  it('serves one row per line, by format or by Accept', async () => {
    const { request } = await seeded();
    for (const init of [{ path: '?format=ndjson' }, { path: '', accept: 'application/x-ndjson' }]) {
      const res = await request(`/v1/datasets/test-items${init.path}`, {
        headers: init.accept ? { accept: init.accept } : {},
      });
      expect(res.headers.get('content-type')).toBe('application/x-ndjson');
      const text = await res.text();
      expect(text.endsWith('}\n')).toBe(true);
      expect(parsed(text)).toEqual(items(5));
    }
  });

  it('pages, projects and filters like JSON, with the next page in Link', async () => {
    const { request } = await seeded();
    const res = await request('/v1/datasets/test-items?format=NDJSON&limit=2&offset=1&fields=id,name');
    expect(parsed(await res.text())).toEqual([
      { id: 1, name: 'item 1' },
      { id: 2, name: 'item 2' },
    ]);
    expect(res.headers.get('link')).toBe(
      `</v1/datasets/test-items/versions/1?limit=2&offset=3&fields=id%2Cname&format=ndjson>; rel="next", ${feedLinks('test-items')}`,
    );
    const filtered = await request('/v1/datasets/test-items?format=ndjson&filter[active]=true&sort=-id');
    expect(parsed(await filtered.text()).map((r) => r.id)).toEqual([4, 2, 0]);
    expect(filtered.headers.get('x-match-count')).toBe('3');
  });

  it('has an ETag of its own, and answers it with 304', async () => {
    const { request } = await seeded();
    const json = await request('/v1/datasets/test-items');
    const ndjson = await request('/v1/datasets/test-items?format=ndjson');
    const etag = ndjson.headers.get('etag') ?? '';
    expect(etag).not.toBe(json.headers.get('etag'));
    const again = await request('/v1/datasets/test-items?format=ndjson', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('streams a version past the buffered size, every row once, filtered or not', async () => {
    const { request } = await seeded(100_000, 128 * 1024);
    const res = await request('/v1/datasets/test-items?format=ndjson');
    const rows = parsed(await res.text());
    expect(rows).toHaveLength(100_000);
    expect(rows[99_999]).toEqual(items(100_000)[99_999]);
    // Every row matches: too many to hold, so the matches are streamed in a second pass.
    const all = await request('/v1/datasets/test-items?filter[id][gte]=0&offset=99998');
    expect(all.headers.get('x-match-count')).toBe('100000');
    const body = await all.json<{ matchCount: number; data: unknown[] }>();
    expect(body.matchCount).toBe(100_000);
    expect(body.data).toEqual(items(100_000).slice(99_998));
    // A sort of every row holds each row's line and writes them out as a stream.
    const sorted = await request('/v1/datasets/test-items?sort=-id&fields=id&format=ndjson');
    const ids = parsed(await sorted.text()).map((row) => row.id);
    expect(ids).toHaveLength(100_000);
    expect(ids.slice(0, 2)).toEqual([99_999, 99_998]);
  }, 30_000);
});
