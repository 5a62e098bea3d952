import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { adminClient, datasetNamed } from './publish/admin-client.ts';
import { items } from './support/test-dataset.ts';

/** A text construct: a plain string, or `#text` beside its `type` attribute. */
type AtomText = string | { '#text': string };
interface AtomEntry {
  id: string;
  title: AtomText;
  updated: string;
  link: { '@_href': string } | { '@_href': string }[];
  summary: AtomText;
}
const text = (value: AtomText | undefined) => (typeof value === 'object' ? value['#text'] : value);

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' });
const hrefs = (link: AtomEntry['link']) => (Array.isArray(link) ? link : [link]).map((l) => l['@_href']);

interface JsonFeed {
  version: string;
  title: string;
  feed_url: string;
  items: {
    id: string;
    url: string;
    title: string;
    content_text: string;
    date_published: string;
    _assay: unknown;
  }[];
}

function clientFor(...ids: string[]) {
  // The tab names the dataset in titles: "alpha-one" is Alpha.
  const tab = (id: string) => id.charAt(0).toUpperCase() + id.slice(1, id.indexOf('-'));
  return adminClient({ datasets: ids.map((id) => datasetNamed(id, { tab: tab(id) })) });
}

describe('feeds', () => {
  it("list one dataset's publishes as Atom an independent parser reads, newest first", async () => {
    const client = clientFor('alpha-one');
    await client.put('alpha-one', { rows: items(3) });
    await client.put('alpha-one', { rows: items(3).map((r) => (r.id === 1 ? { ...r, name: 'edited' } : r)) });
    await client.put('alpha-one', { rows: items(5) });

    const res = await client.request('/v1/datasets/alpha-one/feed.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml');
    expect(res.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
    const { feed } = parser.parse(await res.text()) as { feed: { id: string; entry: AtomEntry[] } };
    expect(feed.id).toBe('http://assay.test/v1/datasets/alpha-one/feed.atom');
    expect(feed.entry.map((e) => text(e.title))).toEqual([
      'Alpha: version 3, 2 rows added, 1 row changed',
      'Alpha: version 2, 1 row changed',
      'Alpha: version 1, 3 rows added',
    ]);
    const [newest] = feed.entry;
    expect(newest?.id).toBe('http://assay.test/datasets/alpha-one/versions/3');
    expect(hrefs(newest?.link ?? [])).toContain('http://assay.test/datasets/alpha-one/versions/3');
    expect(text(newest?.summary)).toContain('http://assay.test/v1/datasets/alpha-one/versions/3/changes');
    expect(text(newest?.summary)).toMatch(/5 rows in all/);
    expect(Number.isNaN(Date.parse(newest?.updated ?? ''))).toBe(false);

    const again = await client.request('/v1/datasets/alpha-one/feed.atom', {
      headers: { 'if-none-match': res.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('list every dataset in a JSON Feed 1.1, and a rollback says so', async () => {
    const client = clientFor('alpha-two', 'beta-two');
    await client.put('alpha-two', { rows: items(2) });
    await client.put('beta-two', { rows: items(1) });
    await client.put('beta-two', { rows: items(2) });
    await client.rollback('beta-two', { version: 1, force: true });

    const res = await client.request('/v1/feed.json');
    expect(res.headers.get('content-type')).toBe('application/feed+json');
    const feed = await res.json<JsonFeed>();
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('http://assay.test/v1/feed.json');
    expect(feed.items.map((i) => i.title)).toEqual([
      'Beta: version 3 (rollback to version 1), 1 row removed',
      'Beta: version 2, 1 row added',
      'Beta: version 1, 1 row added',
      'Alpha: version 1, 2 rows added',
    ]);
    expect(feed.items[0]?._assay).toEqual({
      dataset: 'beta-two',
      version: 3,
      rowCount: 1,
      changes: { added: 0, removed: 1, changed: 0 },
      rolledBackFrom: 1,
    });
    const atom = parser.parse(await (await client.request('/v1/feed.atom')).text()) as {
      feed: { entry: AtomEntry[] };
    };
    expect(atom.feed.entry.map((e) => text(e.title))).toEqual(feed.items.map((i) => i.title));
  });

  it('stop at the latest 50 publishes', async () => {
    const client = clientFor('alpha-many');
    for (let n = 1; n <= 52; n++) await client.put('alpha-many', { rows: items(n) });
    const feed = await (await client.request('/v1/datasets/alpha-many/feed.json')).json<JsonFeed>();
    expect(feed.items).toHaveLength(50);
    expect(feed.items[0]?.url).toMatch(/\/versions\/52$/);
    expect(feed.items.at(-1)?.url).toMatch(/\/versions\/3$/);
  }, 60_000);

  it('are announced by the catalogue and a dataset, and an unknown dataset has none', async () => {
    const client = clientFor('alpha-link');
    await client.put('alpha-link', { rows: items(1) });
    const latest = await client.request('/v1/datasets/alpha-link');
    expect(latest.headers.get('link')).toBe(
      '</v1/datasets/alpha-link/feed.atom>; rel="alternate"; type="application/atom+xml", ' +
        '</v1/datasets/alpha-link/feed.json>; rel="alternate"; type="application/feed+json"',
    );
    expect((await client.request('/v1/datasets')).headers.get('link')).toMatch(
      /^<\/v1\/feed\.atom>; rel="alternate"/,
    );
    expect((await client.request('/v1/datasets/nope/feed.atom')).status).toBe(404);
    expect((await client.request('/v1/feed.atom?x=1')).status).toBe(400);
  });
});
