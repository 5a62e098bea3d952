import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatasetDefinition } from '../../src/datasets/types.ts';
import { feedLinks } from '../../src/routes/feeds.ts';
import { keys } from '../../src/store/keys.ts';
import type { Head } from '../../src/store/records.ts';
import { testApp } from './support/app.ts';
import { seedVersions } from './support/seed.ts';
import { items, testDataset } from './support/test-dataset.ts';

interface Body {
  dataset: string;
  version: number;
  rowCount: number;
  limit?: number;
  offset?: number;
  links: Record<string, string>;
  data: Record<string, unknown>[];
}

async function seeded(rowsPerVersion = [items(5)], options?: Parameters<typeof seedVersions>[3]) {
  const app = testApp();
  await seedVersions(app.store, testDataset, rowsPerVersion, options);
  app.counter.reads = 0;
  return app;
}

describe('latest version', () => {
  it('serves every row in an envelope with links', async () => {
    const { request } = await seeded();
    const res = await request('/v1/datasets/test-items');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = await res.json<Body>();
    expect(body).toMatchObject({ dataset: 'test-items', version: 1, rowCount: 5 });
    expect(body.data).toEqual(items(5));
    expect(body.links).toEqual({
      self: '/v1/datasets/test-items/versions/1',
      latest: '/v1/datasets/test-items',
      versions: '/v1/datasets/test-items/versions',
      schema: '/v1/datasets/test-items/schema',
    });
  });

  it('sends caching, CORS and security headers', async () => {
    const { request } = await seeded();
    const res = await request('/v1/datasets/test-items');
    expect(res.headers.get('etag')).toMatch(/^"v1-[0-9a-f]{16}-[0-9a-z]+"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
    expect(res.headers.get('last-modified')).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
    expect(res.headers.get('cache-tag')).toBe('assay,assay:test-items');
    expect(res.headers.get('vary')).toBe('Accept');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers If-None-Match with 304 after reading only the head', async () => {
    const { request, counter } = await seeded();
    const etag = (await request('/v1/datasets/test-items')).headers.get('etag') ?? '';
    const fresh = testApp();
    const res = await fresh.request('/v1/datasets/test-items', { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    expect(res.headers.get('etag')).toBe(etag);
    expect(res.headers.get('cache-control')).toContain('max-age=5');
    expect(fresh.counter.reads).toBe(1);
    expect(counter.reads).toBeGreaterThan(0);
    const weak = await request('/v1/datasets/test-items', {
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(weak.status).toBe(304);
    const stale = await request('/v1/datasets/test-items', { headers: { 'if-none-match': '"v0-nope"' } });
    expect(stale.status).toBe(200);
  });

  it('moves to a new version and a new ETag when one is published', async () => {
    const { request, store } = await seeded([items(5)]);
    const first = await request('/v1/datasets/test-items');
    await seedVersions(store, testDataset, [items(5), items(6)]);
    const second = await testApp().request('/v1/datasets/test-items');
    expect((await second.json<Body>()).version).toBe(2);
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  it('costs no KV read while the isolate holds the head and pages', async () => {
    const { request, counter } = await seeded();
    await (await request('/v1/datasets/test-items')).text();
    const afterFirst = counter.reads;
    await (await request('/v1/datasets/test-items')).text();
    await (await request('/v1/datasets/test-items?limit=2')).text();
    expect(afterFirst).toBe(2);
    expect(counter.reads).toBe(afterFirst);
  });

  it('reports KV reads in Server-Timing: before the body, and the isolate total', async () => {
    const { request } = await seeded();
    const first = await request('/v1/datasets/test-items?limit=2');
    expect(first.headers.get('server-timing')).toMatch(/^kv;desc="reads=2", kv-isolate;desc="reads=\d+"$/);
    const second = await request('/v1/datasets/test-items?limit=2');
    expect(second.headers.get('server-timing')).toMatch(/^kv;desc="reads=0"/);
  });

  it('answers HEAD with the headers of GET, the length of its body and no body', async () => {
    const { request } = await seeded();
    const get = await request('/v1/datasets/test-items?format=csv');
    const length = String((await get.arrayBuffer()).byteLength);
    const fresh = testApp();
    // The first HEAD runs the route; the second is answered from the response it kept.
    for (const readsBefore of [0, 2]) {
      expect(fresh.counter.reads).toBe(readsBefore);
      const head = await fresh.request('/v1/datasets/test-items?format=csv', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
      expect(head.headers.get('content-length')).toBe(length);
      expect(await head.text()).toBe('');
    }
    expect(fresh.counter.reads).toBe(2);
  });
});

describe('numbered versions', () => {
  it('serves an old version as immutable', async () => {
    const { request } = await seeded([items(3), items(4)]);
    const res = await request('/v1/datasets/test-items/versions/1');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await res.json<Body>();
    expect(body.version).toBe(1);
    expect(body.data).toEqual(items(3));
  });

  it('gives latest and numbered routes different ETags for the same version', async () => {
    const { request } = await seeded();
    const latest = await request('/v1/datasets/test-items');
    const numbered = await request('/v1/datasets/test-items/versions/1');
    expect(latest.headers.get('etag')).not.toBe(numbered.headers.get('etag'));
  });

  it('404s versions that do not exist, naming the latest', async () => {
    const { request } = await seeded([items(3), items(4)]);
    const res = await request('/v1/datasets/test-items/versions/3');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json<{ detail: string }>()).detail).toContain('the latest is 2');
    for (const bad of ['0', 'abc', '-1', '1.5', '99999999999']) {
      const r = await request(`/v1/datasets/test-items/versions/${bad}`);
      expect(r.status, bad).toBe(404);
    }
  });

  it('keeps a version invisible until its head is written', async () => {
    const { request, store } = await seeded([items(3)]);
    const [, second] = await seedVersions(testApp().store, { ...testDataset, id: 'staging' }, [
      items(1),
      items(2),
    ]);
    // Copy version 2's pages and metadata under test-items, but not its head: a publish cut short.
    if (!second) throw new Error('seed failed');
    await store.put(keys.versionMeta('test-items', 2), JSON.stringify({ ...second, dataset: 'test-items' }));
    const page = await store.getBytes(keys.page('staging', 2, 0));
    if (page) await store.put(keys.page('test-items', 2, 0), page);
    expect((await (await request('/v1/datasets/test-items')).json<Body>()).version).toBe(1);
    expect((await request('/v1/datasets/test-items/versions/2')).status).toBe(404);
  });

  it('lists the current version even while the history record lags behind the head', async () => {
    const { request, store } = await seeded([items(1), items(2)]);
    await store.put(keys.historyPage('test-items', 0), JSON.stringify([]));
    const body = await (await request('/v1/datasets/test-items/versions')).json<{
      versions: { version: number }[];
    }>();
    expect(body.versions.map((v) => v.version)).toEqual([2]);
    expect(body.versions[0]).not.toHaveProperty('retainedFrom');
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?before=x', 'before'],
    ['?page=2', 'page'],
  ])('answers the history asked with %s by a 400 naming %s', async (query, parameter) => {
    const { request } = await seeded();
    const res = await request(`/v1/datasets/test-items/versions${query}`);
    expect(res.status).toBe(400);
    expect((await res.json<{ parameter: string }>()).parameter).toBe(parameter);
  });

  it('answers 410 for versions past retention while history still lists them', async () => {
    const { request } = await seeded([items(1), items(2), items(3)], { retainedFrom: 2 });
    const res = await request('/v1/datasets/test-items/versions/1');
    expect(res.status).toBe(410);
    expect((await res.json<{ detail: string }>()).detail).toContain('no longer kept');
    const history = await (await request('/v1/datasets/test-items/versions')).json<{
      versions: { version: number; rowsRetained: boolean }[];
    }>();
    expect(history.versions.map((v) => [v.version, v.rowsRetained])).toEqual([
      [3, true],
      [2, true],
      [1, false],
    ]);
  });
});

describe('a 100,000-row dataset', () => {
  const rows = items(100_000);

  it('streams whole and serves a deep page from exactly one page read', async () => {
    const { request, counter } = await seeded([rows]);
    const whole = await request('/v1/datasets/test-items');
    const body = await whole.json<Body>();
    expect(body.data.length).toBe(100_000);
    expect(body.data[99_999]).toEqual(rows[99_999]);

    const deep = testApp();
    const res = await deep.request('/v1/datasets/test-items?limit=10&offset=99990');
    const page = await res.json<Body>();
    expect(page.data).toEqual(rows.slice(99_990));
    expect(page.links.next).toBeUndefined();
    expect(deep.counter.reads).toBe(2); // the head, then the one page holding rows 99,990–99,999
    expect(counter.reads).toBeGreaterThan(10);
  });

  it('downloads a whole version with one read per stored page, after the head', async () => {
    const { store } = await seeded([rows]);
    const head = JSON.parse((await store.getText(keys.head('test-items'))) ?? '{}') as Head;
    const app = testApp();
    expect((await (await app.request('/v1/datasets/test-items')).json<Body>()).data).toHaveLength(100_000);
    expect(app.keysRead).toEqual([
      keys.head('test-items'),
      ...head.pageStarts.map((_, page) => keys.page('test-items', 1, page)),
    ]);
  });

  it('reads exactly the stored page a requested row starts, never the one before', async () => {
    const { store } = await seeded([rows]);
    const head = JSON.parse((await store.getText(keys.head('test-items'))) ?? '{}') as Head;
    expect(head.pageStarts.length).toBeGreaterThan(3);
    for (const [page, start] of head.pageStarts.entries()) {
      const app = testApp();
      const body = await (await app.request(`/v1/datasets/test-items?limit=1&offset=${start}`)).json<Body>();
      expect(body.data).toEqual([rows[start]]);
      expect(app.keysRead).toEqual([keys.head('test-items'), keys.page('test-items', 1, page)]);
    }
  });

  it('reads an expired head, and a page it does not hold, from KV once, however many requests wait', async () => {
    const app = await seeded([rows]);
    await app.request('/v1/datasets/test-items?limit=1');
    // What the head's few seconds running out leaves (and a page evicted, as a large download's may
    // be): no head held, and many requests at once (for different rows, so no answer is kept whole).
    app.caches.moving.clear();
    app.caches.pages.clear();
    app.keysRead.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app.request(`/v1/datasets/test-items?limit=1&offset=${i}`)),
    );
    const bodies = await Promise.all(answers.map((res) => res.json<{ data: unknown[] }>()));
    expect(bodies.map((body) => body.data)).toEqual(rows.slice(0, 20).map((row) => [row]));
    expect(app.keysRead).toEqual([keys.head('test-items'), keys.page('test-items', 1, 0)]);
  });
});

describe('paging, fields, sort and filter', () => {
  const rows = items(25);

  it('refuses query parameters on routes that take none', async () => {
    const { request } = await seeded([rows]);
    for (const path of [
      '/v1/datasets?limit=2',
      '/v1/datasets/test-items/versions?x=1',
      '/v1/datasets/test-items/schema?format=csv',
    ]) {
      const res = await request(path);
      expect(res.status, path).toBe(400);
      expect((await res.json<{ parameter: string }>()).parameter, path).toMatch(/^(limit|x|format)$/);
    }
  });

  it('pages with limit and offset and links.next until the end', async () => {
    const { request } = await seeded([rows], { pageTarget: 200 });
    const seen: unknown[] = [];
    let next: string | undefined = '/v1/datasets/test-items?limit=10';
    while (next) {
      const body: Body = await (await request(next)).json<Body>();
      seen.push(...body.data);
      next = body.links.next;
    }
    expect(seen).toEqual(rows);
    const firstRes = await request('/v1/datasets/test-items?limit=10&offset=5');
    expect(firstRes.headers.get('link')).toBe(
      `</v1/datasets/test-items/versions/1?limit=10&offset=15>; rel="next", ${feedLinks('test-items')}`,
    );
    const first = await firstRes.json<Body>();
    expect(first.links.next).toBe('/v1/datasets/test-items/versions/1?limit=10&offset=15');
    const last = await request('/v1/datasets/test-items?limit=10&offset=20');
    expect(last.headers.get('link')).toBe(feedLinks('test-items'));
    expect(first).toMatchObject({ limit: 10, offset: 5 });
  });

  it('applies an offset without a limit the same way in every format', async () => {
    const { request } = await seeded([rows], { pageTarget: 200 });
    const json = await (await request('/v1/datasets/test-items?offset=20')).json<Body>();
    expect(json.data).toEqual(rows.slice(20));
    expect(json).toMatchObject({ offset: 20, rowCount: 25 });
    expect(json).not.toHaveProperty('limit');
    const csv = await (await request('/v1/datasets/test-items?offset=20&format=csv')).text();
    expect(csv.trimEnd().split('\r\n').slice(1)).toHaveLength(5);
    const beyond = await (await request('/v1/datasets/test-items?offset=99')).json<Body>();
    expect(beyond.data).toEqual([]);
  });

  it('keeps only the fields asked for, in that order', async () => {
    const { request } = await seeded([rows]);
    const body = await (await request('/v1/datasets/test-items?fields=name,id&limit=2')).json<Body>();
    expect(body.data).toEqual([
      { name: 'item 0', id: 0 },
      { name: 'item 1', id: 1 },
    ]);
    expect(Object.keys(body.data[0] ?? {})).toEqual(['name', 'id']);
  });

  it('sorts ascending and descending with empty cells last', async () => {
    const { request } = await seeded([rows]);
    const up = await (await request('/v1/datasets/test-items?sort=share&fields=share')).json<Body>();
    const shares = up.data.map((r) => r.share);
    const numbers = shares.filter((s) => s !== null) as number[];
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(shares.slice(numbers.length).every((s) => s === null)).toBe(true);
    const down = await (await request('/v1/datasets/test-items?sort=-id&limit=3&fields=id')).json<Body>();
    expect(down.data).toEqual([{ id: 24 }, { id: 23 }, { id: 22 }]);
    expect(down.links.next).toBe('/v1/datasets/test-items/versions/1?limit=3&offset=3&fields=id&sort=-id');
  });

  it('filters by typed values, empty meaning an empty cell', async () => {
    const { request } = await seeded([rows]);
    const active = await (await request('/v1/datasets/test-items?filter[active]=false')).json<Body>();
    expect(active.data).toEqual(rows.filter((r) => r.active === false));
    const asSheetsShowIt = await (await request('/v1/datasets/test-items?filter[active]=FALSE')).json<Body>();
    expect(asSheetsShowIt.data).toEqual(active.data);
    const byNumber = await (await request('/v1/datasets/test-items?filter[id]=7')).json<Body>();
    expect(byNumber.data).toEqual([rows[7]]);
    const empty = await (await request('/v1/datasets/test-items?filter[share]=')).json<Body>();
    expect(empty.data).toEqual(rows.filter((r) => r.share === null));
    const text = await (await request('/v1/datasets/test-items?filter%5Bname%5D=item%203')).json<Body>();
    expect(text.data).toEqual([rows[3]]);
    const paged = await (
      await request('/v1/datasets/test-items?filter[active]=true&limit=5&offset=10')
    ).json<Body>();
    expect(paged.data).toEqual(rows.filter((r) => r.active).slice(10, 15));
    expect(paged.links.next).toBeUndefined();
  });

  it('gives every representation its own ETag, and the same one each time', async () => {
    const { request } = await seeded([rows]);
    const queries = [
      '',
      '?format=csv',
      '?limit=5',
      '?limit=5&offset=5',
      '?fields=id',
      '?sort=id',
      '?filter[id]=1',
    ];
    const tags = await Promise.all(
      queries.map(async (q) => (await request(`/v1/datasets/test-items${q}`)).headers.get('etag')),
    );
    expect(new Set(tags).size).toBe(queries.length);
    const again = await request('/v1/datasets/test-items?offset=5&limit=5');
    expect(again.headers.get('etag')).toBe(tags[3]);
    const viaAccept = await request('/v1/datasets/test-items', { headers: { accept: 'text/csv' } });
    expect(viaAccept.headers.get('etag')).toBe(tags[1]);
    const prefersJson = await request('/v1/datasets/test-items', {
      headers: { accept: 'text/csv;q=0.5, application/json' },
    });
    expect(prefersJson.headers.get('etag')).toBe(tags[0]);
    const browser = await request('/v1/datasets/test-items', {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(browser.headers.get('content-type')).toBe('application/json');
  });
});

describe('CSV', () => {
  const tricky = [
    { id: 1, name: 'comma, inside', share: -5, active: true },
    { id: 2, name: 'a "quoted" word', share: 0.5, active: false },
    { id: 3, name: 'two\nlines', share: null, active: true },
    { id: 4, name: 'Ünïcödé — 稀土 🌏', share: 1, active: true },
    { id: 5, name: '=SUM(A1:A9)', share: 2, active: true },
    { id: 6, name: '+1 555', share: 3, active: true },
    { id: 7, name: '-2+3', share: 4, active: true },
    { id: 8, name: '@cmd', share: 5, active: true },
  ];

  it('is RFC 4180 with a header in schema order and neutralised formulas', async () => {
    const { request } = await seeded([tricky]);
    const res = await request('/v1/datasets/test-items?format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const text = await res.text();
    expect(text.startsWith('id,name,share,active\r\n')).toBe(true);
    expect(text).toContain('1,"comma, inside",-5,true\r\n');
    expect(text).toContain('2,"a ""quoted"" word",0.5,false\r\n');
    expect(text).toContain('3,"two\nlines",,true\r\n');
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.name)).toEqual([
      'comma, inside',
      'a "quoted" word',
      'two\nlines',
      'Ünïcödé — 稀土 🌏',
      "'=SUM(A1:A9)",
      "'+1 555",
      "'-2+3",
      "'@cmd",
    ]);
  });

  it('takes format in any case, as filters take listed values', async () => {
    const { request } = await seeded();
    for (const format of ['CSV', 'Csv']) {
      const res = await request(`/v1/datasets/test-items?format=${format}&limit=2`);
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      // The canonical spelling leads on, so every spelling pages through the same representation.
      expect(res.headers.get('link')).toContain('format=csv');
    }
    const json = await request('/v1/datasets/test-items?format=JSON');
    expect(json.headers.get('content-type')).toBe('application/json');
  });

  it('names the file after the dataset and version, for the latest and a numbered version', async () => {
    const { request } = await seeded([items(3), items(4)]);
    for (const path of ['/v1/datasets/test-items?format=csv', '/v1/datasets/test-items/versions/2?limit=1']) {
      const res = await request(path, { headers: { accept: 'text/csv' } });
      expect(res.headers.get('content-disposition'), path).toBe('attachment; filename="test-items-v2.csv"');
    }
    const old = await request('/v1/datasets/test-items/versions/1?format=csv');
    expect(old.headers.get('content-disposition')).toBe('attachment; filename="test-items-v1.csv"');
    // Kept with the response: the isolate's copy carries it too.
    const again = await request('/v1/datasets/test-items/versions/1?format=csv');
    expect(again.headers.get('content-disposition')).toBe('attachment; filename="test-items-v1.csv"');
    expect((await request('/v1/datasets/test-items')).headers.get('content-disposition')).toBeNull();
  });

  it('follows Accept: text/csv, pages and fields', async () => {
    const { request } = await seeded([tricky]);
    const res = await request('/v1/datasets/test-items?limit=2&fields=name,id', {
      headers: { accept: 'text/csv' },
    });
    expect(await res.text()).toBe('name,id\r\n"comma, inside",1\r\n"a ""quoted"" word",2\r\n');
    expect(res.headers.get('link')).toBe(
      `</v1/datasets/test-items/versions/1?limit=2&offset=2&fields=name%2Cid&format=csv>; rel="next", ${feedLinks('test-items')}`,
    );
  });

  it('streams a large version whole', async () => {
    const { request } = await seeded([items(20_000)]);
    const text = await (await request('/v1/datasets/test-items?format=csv')).text();
    expect(text.split('\r\n').length).toBe(20_002);
  });
});

describe('filters on columns of listed values and dates', () => {
  const events: DatasetDefinition = {
    id: 'events',
    title: 'Events',
    description: 'Rows with an enum and a date column.',
    tab: 'Events',
    key: ['id'],
    schema: z.object({
      id: z.number().int().meta({ title: 'ID' }),
      kind: z.enum(['launch', 'deal']).nullable().meta({ title: 'Kind' }),
      on: z.iso.date().meta({ title: 'On' }),
    }),
  };
  const rows = [
    { id: 1, kind: 'launch', on: '2024-01-08' },
    { id: 2, kind: 'deal', on: '2024-01-08' },
    { id: 3, kind: null, on: '2025-03-01' },
  ];
  async function request(query: string) {
    const app = testApp([events]);
    await seedVersions(app.store, events, [rows]);
    return app.request(`/v1/datasets/events${query}`);
  }
  const ids = async (res: Response) => (await res.json<Body>()).data.map((row) => row.id);

  it('match listed values whatever their case, and dates as stored', async () => {
    expect(await ids(await request('?filter[kind]=deal'))).toEqual([2]);
    expect(await ids(await request('?filter[kind]=LAUNCH'))).toEqual([1]);
    expect(await ids(await request('?filter[kind]='))).toEqual([3]);
    expect(await ids(await request('?filter[on]=2024-01-08'))).toEqual([1, 2]);
  });

  it.each([
    ['?filter[kind]=merger', /filter\[kind\] must be one of launch, deal; got "merger"/],
    ['?filter[on]=8 January 2024', /filter\[on\] must be a date that exists, as YYYY-MM-DD/],
    ['?filter[on]=2024-1-8', /YYYY-MM-DD/],
    ['?filter[on]=2024-13-01', /YYYY-MM-DD/],
    ['?filter[on]=2023-02-29', /YYYY-MM-DD/],
  ])('%s is a 400 saying what the column holds', async (query, detail) => {
    const res = await request(query);
    expect(res.status).toBe(400);
    expect((await res.json<{ detail: string }>()).detail).toMatch(detail);
  });
});

describe('bad requests', () => {
  const cases: [string, string][] = [
    ['?limit=abc', 'limit'],
    ['?limit=0', 'limit'],
    ['?limit=10001', 'limit'],
    ['?limit=1.5', 'limit'],
    ['?offset=-1', 'offset'],
    ['?fields=id,nope', 'fields'],
    ['?fields=id,,name', 'fields'],
    ['?fields=id,name,id', 'fields'],
    ['?filter[id]=0x1', 'filter[id]'],
    ['?filter[id]=1.5', 'filter[id]'],
    ['?filter[id]=%201', 'filter[id]'],
    ['?sort=nope', 'sort'],
    ['?sort=-', 'sort'],
    ['?filter[nope]=1', 'filter[nope]'],
    ['?filter[share]=abc', 'filter[share]'],
    ['?filter[active]=maybe', 'filter[active]'],
    ['?format=xml', 'format'],
    ['?colour=red', 'colour'],
    ['?limit=1&limit=2', 'limit'],
    ['?format=csv&format=json', 'format'],
    ['?sort=+id', 'sort'],
    ['?filter[]=1', 'filter[]'],
  ];

  it.each(cases)('%s is a 400 naming %s', async (query, parameter) => {
    const { request } = await seeded();
    const res = await request(`/v1/datasets/test-items${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const problem = await res.json<{ status: number; detail: string; parameter: string }>();
    expect(problem.status).toBe(400);
    expect(problem.parameter).toBe(parameter);
    expect(problem.detail.length).toBeGreaterThan(10);
  });

  it('never answers a malformed request with a 500', async () => {
    const { request } = await seeded();
    const paths = [
      '/v1/datasets/test-items?%',
      '/v1/datasets/test-items?filter[=1',
      '/v1/datasets/test-items?filter[id]]=1',
      `/v1/datasets/test-items?fields=${'x'.repeat(5000)}`,
      '/v1/datasets/test-items?sort=%00',
      '/v1/datasets/%E0%A4%A',
      '/v1/datasets/..%2F..%2Fsecret',
      '/v1/datasets/test-items/versions/%20',
      '/v1/datasets/test-items/versions/1/../../..',
      '/v1/datasets/TEST-ITEMS',
      `/v1/datasets/${'a'.repeat(600)}`,
      '/v1//datasets',
    ];
    for (const path of paths) {
      const res = await request(path);
      expect(res.status, path).toBeLessThan(500);
      expect(await res.text(), path).not.toMatch(/at .*\.ts|Error:/);
    }
  });

  it.each([
    [`/v1/datasets/${'a'.repeat(100)}`, 404, 'at most 64 characters'],
    ['/v1/datasets/test-items/versions/4294967296', 404, 'from 1 to 999999999'],
    ['/v1/datasets/test-items?filter=x', 400, 'filter[column]=value'],
    ['/v1/datasets/test-items?format=XML', 400, 'format must be json, csv or ndjson; got "XML".'],
    [
      '/v1/datasets/test-items?sort=active,-id',
      400,
      'sort takes one column, like sort=-year; got "active,-id".',
    ],
  ])('%s is a %i whose detail says what to send instead', async (path, status, detail) => {
    const { request } = await seeded();
    const res = await request(path);
    expect(res.status).toBe(status);
    expect((await res.json<{ detail: string }>()).detail).toContain(detail);
  });

  it.each(['?sort=', '?sort=-', '?filter[]=1'])('%s says a column name is missing', async (query) => {
    const { request } = await seeded();
    const res = await request(`/v1/datasets/test-items${query}`);
    expect(res.status).toBe(400);
    expect((await res.json<{ detail: string }>()).detail).toMatch(
      /^(sort|filter\[\]) is missing a column name\. Columns: id, name, share, active\.$/,
    );
  });

  it('says a repeat the same way whichever check finds it', async () => {
    const { request } = await seeded();
    // limit fails the route's Zod contract; filter[id] passes it and fails the column checks.
    for (const name of ['limit', 'filter[id]']) {
      const res = await request(`/v1/datasets/test-items?${name}=1&${name}=2`);
      expect(await res.json()).toMatchObject({
        status: 400,
        parameter: name,
        detail: `The query parameter "${name}" is given more than once.`,
      });
    }
  });

  it('quotes a long parameter, name or value only as a short excerpt', async () => {
    const { request } = await seeded();
    const long = (c: string) => c.repeat(32_000);
    const paths = [
      `/v1/datasets/test-items?${long('x')}=1`,
      `/v1/datasets/test-items?${long('x')}=1&${long('x')}=2`,
      `/v1/datasets/test-items?fields=${long('y')}`,
      `/v1/datasets/test-items?sort=-${long('y')}`,
      `/v1/datasets/test-items?filter[${long('z')}]=1`,
      `/v1/datasets/test-items?filter[id]=${long('9')}x`,
      `/v1/datasets/test-items?format=${long('c')}`,
      `/v1/datasets?${long('x')}=1`,
    ];
    for (const path of paths) {
      const res = await request(path);
      expect(res.status, path.slice(0, 40)).toBe(400);
      const text = await res.text();
      expect(text.length, path.slice(0, 40)).toBeLessThan(2_000);
      expect(text, path.slice(0, 40)).toContain('characters)');
    }
  });

  it('404s unknown and unpublished datasets with a detail', async () => {
    const { request } = testApp([testDataset, { ...testDataset, id: 'never-published' }]);
    const unknown = await request('/v1/datasets/no-such-thing');
    expect(unknown.status).toBe(404);
    expect((await unknown.json<{ detail: string }>()).detail).toContain('/v1/datasets');
    const unpublished = await request('/v1/datasets/never-published');
    expect(unpublished.status).toBe(404);
    expect((await unpublished.json<{ detail: string }>()).detail).toContain('no published version');
    expect((await request('/nowhere')).status).toBe(404);
  });

  it('405s other methods on read-only paths, with Allow', async () => {
    const { request } = await seeded();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await request('/v1/datasets/test-items', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
