import { beforeAll, describe, expect, it } from 'vitest';
import { elements } from '../../../src/datasets/elements.ts';
import { production } from '../../../src/datasets/production.ts';
import { timeline } from '../../../src/datasets/timeline.ts';
import { adminClient } from '../publish/admin-client.ts';
import { attributes, texts } from './html.ts';

const source = 'USGS, via the seed article (2024)';
const v1 = [
  { country: 'China', year: 2023, share: 70, shareApproximate: true, source },
  { country: 'United States', year: 2023, share: 14, shareApproximate: true, source },
  { country: 'Myanmar', year: 2023, share: 11, shareApproximate: false, source },
  { country: 'Australia', year: 2023, share: 5, shareApproximate: true, source },
];
// v2: China's share changes, Australia goes, India arrives.
const v2 = [
  { ...v1[0], share: 68.5 },
  v1[1],
  v1[2],
  { country: 'India', year: 2023, share: 1.25, shareApproximate: false, source: 'Other source' },
];
const events = [
  {
    period: '1990s',
    year: 1990,
    date: null,
    event: 'US production declines.',
    place: 'United States',
    source: 's',
  },
  {
    period: 'undated',
    year: null,
    date: null,
    event: 'Mountain Pass files for bankruptcy.',
    place: null,
    source: 's',
  },
  {
    period: '2010',
    year: 2010,
    date: null,
    event: 'China halts exports to Japan.',
    place: null,
    source: 's',
  },
];

const client = adminClient({ datasets: [production, timeline, elements], vars: { RETENTION: '2' } });
const get = (path: string, init?: RequestInit) => client.request(path, init);
const html = async (path: string) => {
  const res = await get(path);
  return { res, body: await res.text() };
};

beforeAll(async () => {
  for (const rows of [v1, v1.slice(0, 3), v2]) {
    const res = await client.put('production', { rows, force: true });
    expect(res.status).toBe(201);
  }
  expect((await client.put('timeline', { rows: events })).status).toBe(201);
});

describe('the catalogue page', () => {
  it('lists every dataset with its version, date, rows and links, and says which are unpublished', async () => {
    const { res, body } = await html('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(body.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(await texts(body, 'h2')).toEqual([production.title, timeline.title, elements.title]);
    expect(await attributes(body, 'h2 a', 'href')).toEqual(['/datasets/production', '/datasets/timeline']);
    const items = await texts(body, '.catalogue > li');
    expect(items[0]).toContain('Version 3');
    expect(items[0]).toContain('4 rows');
    expect(items[0]).toMatch(/Published \d{1,2} \w+ 20\d\d, \d\d:\d\d UTC/);
    expect(items[2]).toContain('Not published yet.');
    const links = await attributes(body, 'a', 'href');
    for (const href of ['/v1/datasets/production', '/v1/datasets/production?format=csv', '/docs'])
      expect(links).toContain(href);
    expect(res.headers.get('cache-tag')).toBe('assay,assay:catalogue');
  });
});

describe('a dataset page', () => {
  it('shows the version, sources, downloads pinned to it, the table and the chart', async () => {
    const { res, body } = await html('/datasets/production');
    expect(res.status).toBe(200);
    expect(await texts(body, 'h1')).toEqual([production.title]);
    expect((await texts(body, '.facts li')).join(' | ')).toContain('Version 3 (the latest)');
    expect(body).toContain(`Sources: ${source}; Other source`);
    const links = await attributes(body, '.downloads a', 'href');
    expect(links).toEqual([
      '/v1/datasets/production/versions/3',
      '/v1/datasets/production/versions/3?format=csv',
      '/v1/datasets/production/schema',
      '/docs',
    ]);
    // Titles from the schema; the approximate flag is folded into the value it marks.
    expect(await texts(body, 'thead th a')).toEqual([
      'Country, sort ascending',
      'Year, sort ascending',
      'Share of global production (%), sort ascending',
      'Source, sort ascending',
    ]);
    expect(await texts(body, 'tbody td.num')).toEqual([
      '2023',
      '~68.5%',
      '2023',
      '~14%',
      '2023',
      '11%',
      '2023',
      '1.25%',
    ]);
    expect(await texts(body, 'dl.columns dd')).toContain(
      "The country's share of global rare-earth production, in percent (70 means 70 %). (share; ~ marks an estimate)",
    );
    // One bar per row, values on the marks, a text summary.
    expect(await attributes(body, 'svg.chart', 'role')).toEqual(['img']);
    expect((await texts(body, 'svg.chart rect.mark')).length).toBe(4);
    expect(await texts(body, 'svg.chart desc')).toEqual([
      'Bar chart of Share of global production (%) by Country, 4 bars: China: ~68.5%; United States: ~14%; Myanmar: 11%; India: 1.25%.',
    ]);
    expect(await attributes(body, 'link[rel=alternate]', 'href')).toEqual([
      `/oembed?url=${encodeURIComponent('http://assay.test/datasets/production')}`,
    ]);
  });

  it('caches like the data: short for latest, immutable pinned, a 304 for its ETag, tagged per dataset', async () => {
    const latest = await get('/datasets/production');
    expect(latest.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
    expect(latest.headers.get('cache-tag')).toBe('assay,assay:production');
    const etag = latest.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"v3-/);
    const again = await get('/datasets/production', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const sorted = await get('/datasets/production?sort=share', { headers: { 'if-none-match': etag } });
    expect(sorted.status).toBe(200);
    const pinned = await get('/datasets/production/versions/2');
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('refuses frames and loads nothing but its own hashed stylesheet', async () => {
    const { res, body } = await html('/datasets/production');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await texts(body, 'script')).toEqual([]);
    expect(await texts(body, 'style')).toEqual([]);
    const [stylesheet] = await attributes(body, 'link[rel=stylesheet]', 'href');
    expect(stylesheet).toMatch(/^\/assets\/page\.[0-9a-f]{12}\.css$/);
    const css = await get(stylesheet ?? '');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await css.text()).toContain('prefers-color-scheme:dark');
  });

  it('sorts and pages through its own query string with the API engine', async () => {
    const { body } = await html('/datasets/production?sort=-share&limit=2');
    expect(await texts(body, 'tbody tr td:first-child')).toEqual(['China', 'United States']);
    expect(await attributes(body, 'th[aria-sort]', 'aria-sort')).toEqual(['descending']);
    expect(await attributes(body, '.pager a', 'href')).toEqual([
      '/datasets/production?limit=2&offset=2&sort=-share',
    ]);
    const next = await html('/datasets/production?limit=2&offset=2&sort=-share');
    expect(await texts(next.body, 'tbody tr td:first-child')).toEqual(['Myanmar', 'India']);
    expect(await attributes(next.body, '.pager a', 'href')).toEqual([
      '/datasets/production?limit=2&sort=-share',
    ]);
    // A header sorts ascending first, then descending, back at the first row; the page size stays.
    expect(await attributes(next.body, 'thead th a', 'href')).toContain(
      '/datasets/production?limit=2&sort=share',
    );
    const filtered = await html('/datasets/production?filter[country]=India');
    expect(await texts(filtered.body, 'tbody tr td:first-child')).toEqual(['India']);
  });

  it('answers a bad query with the API 400 detail, as a page that leads back to the catalogue', async () => {
    for (const query of [
      'sort=nope',
      'limit=0',
      'filter[year]=soon',
      'colour=red',
      'limit=1&limit=2',
      'view=table',
    ]) {
      const api = await get(`/v1/datasets/production?${query}`);
      const page = await html(`/datasets/production?${query}`);
      expect(page.res.status, query).toBe(400);
      expect(page.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const detail = (await api.json<{ detail: string }>()).detail;
      expect(await texts(page.body, 'main p:nth-of-type(1)')).toEqual([detail]);
      expect(await attributes(page.body, 'main a', 'href')).toEqual(['/']);
    }
    const csv = await get('/datasets/production?format=csv');
    expect(csv.status).toBe(400);
  });

  it('answers unknown, unpublished, future and pruned versions with 404 and 410 pages', async () => {
    for (const [path, status] of [
      ['/datasets/nope', 404],
      ['/datasets/elements', 404],
      ['/datasets/production/versions/9', 404],
      ['/datasets/production/versions/1', 410],
      ['/datasets/production/versions/0', 404],
      ['/embed/production/versions/1', 410],
      ['/datasets/elements/versions', 404],
    ] as const) {
      const { res, body } = await html(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await attributes(body, 'main a', 'href')).toEqual(['/']);
    }
  });
});

describe('a path under the pages that matches no route', () => {
  it('gets a 404 page leading back to the catalogue, while /v1/ keeps its problem', async () => {
    for (const path of [
      '/datasets/production/nope/x',
      '/datasets/production/versions/3/more',
      '/datasets/',
      '/embed/production/x',
      '/embed/',
    ]) {
      const { res, body } = await html(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(await texts(body, 'h1'), path).toEqual(['Not found']);
      expect((await texts(body, 'main p:nth-of-type(1)'))[0], path).toContain(path);
      expect(await attributes(body, 'main a', 'href'), path).toEqual(['/']);
    }
    const api = await get('/v1/datasets/production/nope/x');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect((await api.json<{ detail: string }>()).detail).toBe(
      'Nothing is found at /v1/datasets/production/nope/x. The API starts at /v1/datasets; its reference is at /docs.',
    );
  });
});

describe('the history page', () => {
  it('lists every version with its changes, before → after, linking pinned pages while retained', async () => {
    const { res, body } = await html('/datasets/production/versions');
    expect(res.status).toBe(200);
    expect(await texts(body, 'h2')).toEqual(['Version 3', 'Version 2', 'Version 1']);
    expect(await attributes(body, 'h2 a', 'href')).toEqual([
      '/datasets/production/versions/3',
      '/datasets/production/versions/2',
    ]);
    const [latest] = await texts(body, 'section');
    expect(latest).toContain('1 added, 0 removed, 1 changed');
    expect(await texts(body, 'section:first-of-type ins')).toEqual(['India, 2023', '~68.5%']);
    expect(await texts(body, 'section:nth-of-type(2) del')).toEqual(['Australia, 2023']);
    expect(await texts(body, 'section:first-of-type del')).toEqual(['~70%']);
    expect(latest).toContain('China, 2023: Share of global production (%) ~70% → ~68.5%');
  });

  it('pages back through every version with the API’s cursor, and its 400s', async () => {
    const first = await html('/datasets/production/versions?limit=2');
    expect(await texts(first.body, 'h2')).toEqual(['Version 3', 'Version 2']);
    expect(await attributes(first.body, '.pager a', 'href')).toEqual([
      '/datasets/production/versions?limit=2&before=2',
    ]);
    const older = await html('/datasets/production/versions?limit=2&before=2');
    expect(await texts(older.body, 'h2')).toEqual(['Version 1']);
    expect((await texts(older.body, 'p'))[1]).toMatch(/^Older versions, newest first/);
    expect(await attributes(older.body, '.pager a', 'href')).toEqual(['/datasets/production/versions']);
    expect(await attributes((await html('/datasets/production/versions')).body, '.pager a', 'href')).toEqual(
      [],
    );
    for (const [query, parameter] of [
      ['before=x', 'before'],
      ['limit=0', 'limit'],
      ['sort=year', 'sort'],
    ]) {
      const bad = await html(`/datasets/production/versions?${query}`);
      expect(bad.res.status).toBe(400);
      expect(bad.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(bad.body).toContain(parameter);
    }
  });
});

describe('embeds', () => {
  it('show the chart with a footer naming the version, and may be framed anywhere', async () => {
    const { res, body } = await html('/embed/production');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect((await texts(body, 'rect.mark')).length).toBe(4);
    expect(await texts(body, 'table')).toEqual([]);
    const [footer] = await texts(body, 'footer');
    expect(footer?.startsWith(`Source: ${source}; Other source · Data as of version 3, `)).toBe(true);
    expect(footer).toMatch(/ · Data as of version 3, \d{1,2} \w+ 20\d\d · Get the data$/);
    expect(await attributes(body, 'footer a', 'href')).toEqual([
      'http://assay.test/datasets/production/versions/3',
    ]);
    const [script] = await attributes(body, 'script', 'src');
    expect((await get(script ?? '')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('show the table with view=table, keep the view in their links, and refuse a chart that is not there', async () => {
    const { body } = await html('/embed/production/versions/3?view=table&limit=2');
    expect(await texts(body, 'svg')).toEqual([]);
    expect(await attributes(body, '.pager a', 'href')).toEqual([
      '/embed/production/versions/3?view=table&limit=2&offset=2',
    ]);
    expect((await get('/embed/production?view=map')).status).toBe(400);
    const timelineEmbed = await html('/embed/timeline');
    expect((await texts(timelineEmbed.body, 'circle.mark')).length).toBe(2);
  });

  it('keep refusing frames everywhere else', async () => {
    for (const path of ['/', '/datasets/production/versions', '/v1/datasets', '/docs']) {
      const res = await get(path);
      expect(res.headers.get('x-frame-options'), path).toMatch(/DENY|SAMEORIGIN/);
    }
  });
});

describe('oEmbed', () => {
  it('turns a dataset page URL into a rich iframe, pinned when the URL is', async () => {
    const url = encodeURIComponent('http://assay.test/datasets/production/versions/3');
    const res = await get(`/oembed?url=${url}&maxwidth=500`);
    expect(res.status).toBe(200);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Assay', width: 500 });
    expect(body.html).toContain('<iframe src="http://assay.test/embed/production/versions/3"');
    expect(body.html).toContain(`height="${body.height}"`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers what is not one of its pages with a problem', async () => {
    const elsewhere = await get(
      `/oembed?url=${encodeURIComponent('https://example.com/datasets/production')}`,
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/oembed')).status).toBe(400);
    const xml = await get('/oembed?url=/datasets/production&format=xml');
    expect(xml.status).toBe(501);
    expect((await xml.json<{ detail: string }>()).detail).toBe(
      'format must be json; this provider answers JSON only.',
    );
    expect((await get('/oembed?url=/datasets/production&format=json')).status).toBe(200);
  });
});
