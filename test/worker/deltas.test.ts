import { describe, expect, it } from 'vitest';
import { keys } from '../../src/store/keys.ts';
import { adminClient, datasetNamed } from './publish/admin-client.ts';
import { items } from './support/test-dataset.ts';

interface Delta {
  from: number;
  to: number;
  counts: { added: number; removed: number; changed: number };
  added: { id: number }[];
  removed: { id: number }[];
  changed: { key: { id: number }; before: { name: string }; after: { name: string } }[];
}

function clientFor(id: string, retention = '50') {
  return adminClient({ datasets: [datasetNamed(id)], vars: { RETENTION: retention } });
}

const renamed = (rows: ReturnType<typeof items>, id: number, name: string) =>
  rows.map((row) => (row.id === id ? { ...row, name } : row));

describe('GET /v1/datasets/:id/changes', () => {
  it('composes the net change across versions, by key', async () => {
    const client = clientFor('delta-net');
    const v1 = items(4);
    const v2 = [...renamed(v1, 1, 'first edit'), ...items(1, 10)];
    const v3 = renamed(v2, 1, 'second edit').filter((row) => row.id !== 10 && row.id !== 2);
    for (const rows of [v1, v2, v3]) expect((await client.put('delta-net', { rows })).status).toBe(201);

    const res = await client.request('/v1/datasets/delta-net/changes?from=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
    const delta = await res.json<Delta>();
    expect(delta).toMatchObject({ from: 1, to: 3, counts: { added: 0, removed: 1, changed: 1 } });
    expect(delta.removed.map((r) => r.id)).toEqual([2]);
    expect(delta.changed).toEqual([
      { key: { id: 1 }, before: v1[1], after: { ...v1[1], name: 'second edit' } },
    ]);

    const pinned = await client.request('/v1/datasets/delta-net/changes?from=1&to=2');
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await pinned.json<Delta>()).toMatchObject({ to: 2, counts: { added: 1, removed: 0, changed: 1 } });
    const again = await client.request('/v1/datasets/delta-net/changes?from=1&to=2', {
      headers: { 'if-none-match': pinned.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);

    const none = await (await client.request('/v1/datasets/delta-net/changes?from=3')).json<Delta>();
    expect(none.counts).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('answers 410 past retention and when a diff was stored as counts only', async () => {
    const client = clientFor('delta-gone', '2');
    for (const n of [1, 2, 3, 4])
      expect((await client.put('delta-gone', { rows: items(n) })).status).toBe(201);
    const pruned = await client.request('/v1/datasets/delta-gone/changes?from=2');
    expect(pruned.status).toBe(410);
    expect((await pruned.json<{ detail: string }>()).detail).toMatch(
      /Fetch \/v1\/datasets\/delta-gone whole/,
    );
    expect((await client.request('/v1/datasets/delta-gone/changes?from=3')).status).toBe(200);

    const stored = JSON.parse((await client.store.getText(keys.changes('delta-gone', 4))) ?? '{}');
    const { added: _a, removed: _r, changed: _c, ...countsOnly } = stored;
    await client.store.put(keys.changes('delta-gone', 4), JSON.stringify({ ...countsOnly, complete: false }));
    const incomplete = await client.request('/v1/datasets/delta-gone/changes?from=3&to=4');
    expect(incomplete.status).toBe(410);
    expect((await incomplete.json<{ detail: string }>()).detail).toMatch(/too many rows/);
  });

  it('names the parameter at fault', async () => {
    const client = clientFor('delta-bad');
    await client.put('delta-bad', { rows: items(2) });
    await client.put('delta-bad', { rows: items(3) });
    const cases: [string, number, string][] = [
      ['', 400, 'from'],
      ['?from=x', 400, 'from'],
      ['?from=2&to=1', 400, 'from'],
      ['?from=1&to=9', 404, 'to'],
      ['?from=1&limit=3', 400, 'limit'],
    ];
    for (const [query, status, parameter] of cases) {
      const res = await client.request(`/v1/datasets/delta-bad/changes${query}`);
      expect(res.status, query).toBe(status);
      expect((await res.json<{ parameter?: string }>()).parameter, query).toBe(parameter);
    }
  });
});
