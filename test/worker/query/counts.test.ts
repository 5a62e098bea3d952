import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatasetDefinition } from '../../../src/datasets/types.ts';
import { testApp } from '../support/app.ts';
import { seedVersions } from '../support/seed.ts';
import { mineralRows, minerals } from './minerals.ts';

interface Body {
  rowCount: number;
  matchCount?: number;
  limit?: number;
  facets?: Record<string, { value: unknown; count: number }[]>;
  facetsMore?: Record<string, number>;
  links: Record<string, string>;
  data: Record<string, unknown>[];
}

async function request(query: string, init?: RequestInit) {
  const app = testApp([minerals]);
  await seedVersions(app.store, minerals, [mineralRows], { pageTarget: 200 });
  return app.request(`/v1/datasets/minerals?${query}`, init);
}

describe('matchCount', () => {
  it('counts the matches before limit and offset, and links.next follows them', async () => {
    const body = await (await request('filter[group]=heavy&limit=2')).json<Body>();
    expect(body).toMatchObject({ rowCount: 6, matchCount: 3, limit: 2 });
    expect(body.data.map((r) => r.id)).toEqual([3, 5]);
    const next = await (await request(body.links.next?.split('?')[1] ?? '')).json<Body>();
    expect(next.data.map((r) => r.id)).toEqual([6]);
    expect(next.matchCount).toBe(3);
    expect(next.links.next).toBeUndefined();
  });

  it('is absent without a filter or q, and zero when nothing matches', async () => {
    expect((await (await request('limit=2')).json<Body>()).matchCount).toBeUndefined();
    expect((await (await request('sort=year')).json<Body>()).matchCount).toBeUndefined();
    const none = await (await request('q=osmium')).json<Body>();
    expect(none).toMatchObject({ matchCount: 0, data: [] });
  });

  it('goes in X-Match-Count for CSV and NDJSON, with Link to the next page', async () => {
    const csv = await request('filter[magnetic]=true&format=csv&limit=1', {
      headers: { origin: 'https://dashboard.example' },
    });
    expect(csv.headers.get('x-match-count')).toBe('3');
    expect(csv.headers.get('access-control-expose-headers')).toContain('X-Match-Count');
    expect(csv.headers.get('link')).toContain('offset=1');
    const ndjson = await request('q=magnet', { headers: { accept: 'application/x-ndjson' } });
    expect(ndjson.headers.get('x-match-count')).toBe('3');
    expect((await ndjson.text()).trimEnd().split('\n')).toHaveLength(3);
  });
});

describe('a selection kept in the isolate', () => {
  it('answers the same query again without reading a page, past the response cache', async () => {
    const first = testApp([minerals]);
    await seedVersions(first.store, minerals, [mineralRows], { pageTarget: 200 });
    const query = '/v1/datasets/minerals?filter[year][gte]=1850&facet=group&limit=2';
    const body = await (await first.request(query)).json<Body>();
    expect(first.counter.reads).toBeGreaterThan(2);
    // A fresh app has no responses or pages of its own: only the head is read, and the selection,
    // tied to the version's content, is found where the first one left it.
    const second = testApp([minerals]);
    const again = await (await second.request(`${query}&format=json`)).json<Body>();
    expect(second.counter.reads).toBe(1);
    expect(again).toEqual(body);
  });
});

describe('facets', () => {
  it('counts values over the matching rows, most frequent first, empty last among equals', async () => {
    const body = await (
      await request('facet=group&facet=magnetic&filter[year][gte]=1800&limit=1')
    ).json<Body>();
    expect(body.matchCount).toBe(5);
    expect(body.facets).toEqual({
      group: [
        { value: 'heavy', count: 2 },
        { value: 'light', count: 2 },
        { value: null, count: 1 },
      ],
      magnetic: [
        { value: true, count: 3 },
        { value: false, count: 2 },
      ],
    });
    expect(body.facetsMore).toBeUndefined();
    expect(body.data).toHaveLength(1);
  });

  it('takes a comma-separated list, and counts every row without a filter', async () => {
    const body = await (await request('facet=year,name')).json<Body>();
    expect(body.matchCount).toBeUndefined();
    expect(body.facets?.year?.[0]).toEqual({ value: 1803, count: 1 });
    expect(body.facets?.name).toHaveLength(6);
  });

  it('caps each facet at 20 values and says how many more there are', async () => {
    const many: DatasetDefinition = {
      ...minerals,
      id: 'many',
      // A nullable boolean's JSON Schema is a type list, ["boolean", "null"]: still a facet.
      schema: z.object({ id: z.number().int(), city: z.string().max(40), flag: z.boolean().nullable() }),
    };
    const app = testApp([many]);
    const rows = Array.from({ length: 50 }, (_, i) => ({
      id: i,
      city: `city ${i % 25}`,
      flag: i < 10 ? null : true,
    }));
    await seedVersions(app.store, many, [rows]);
    const body = await (await app.request('/v1/datasets/many?facet=city,flag&limit=1')).json<Body>();
    expect(body.facets?.flag).toEqual([
      { value: true, count: 40 },
      { value: null, count: 10 },
    ]);
    expect(body.facets?.city).toHaveLength(20);
    expect(body.facets?.city?.[0]).toEqual({ value: 'city 0', count: 2 });
    expect(body.facetsMore).toEqual({ city: 5 });
  });

  it.each([
    [
      'facet=share',
      "facet counts columns of listed values, true/false, years or short text; share is none of these. This dataset's are: name, group, year, magnetic.",
    ],
    [
      'facet=uses',
      "facet counts columns of listed values, true/false, years or short text; uses is none of these. This dataset's are: name, group, year, magnetic.",
    ],
    [
      'facet=nope',
      'Unknown column "nope" in facet. Columns: id, name, group, year, share, found, magnetic, uses.',
    ],
    ['facet=group&facet=group', 'facet names "group" twice; list each column once.'],
    ['facet=group,', 'facet lists column names separated by commas.'],
    ['facet=group&format=csv', 'Facets come in the JSON envelope; ask for format=json, not csv.'],
  ])('%s is a 400', async (query, detail) => {
    const res = await request(query);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ parameter: 'facet', detail });
  });
});
