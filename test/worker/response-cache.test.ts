import { describe, expect, it } from 'vitest';
import { forgetMovingResponses } from '../../src/http/response-cache.ts';
import { keys } from '../../src/store/keys.ts';
import { forgetMovingReads } from '../../src/store/reader.ts';
import { testApp } from './support/app.ts';
import { seedVersions } from './support/seed.ts';
import { items, testDataset } from './support/test-dataset.ts';

async function seeded() {
  const app = testApp();
  await seedVersions(app.store, testDataset, [items(30), items(40)], { pageTarget: 300 });
  return app;
}

describe('the isolate response cache', () => {
  it('sends a numbered version again without running the route or reading KV', async () => {
    const { request, store, caches } = await seeded();
    const first = await request('/v1/datasets/test-items/versions/1?limit=5');
    const firstBody = await first.text();
    // Take away the version's rows and metadata: the route could no longer answer, a kept response can.
    await store.delete(keys.versionMeta('test-items', 1));
    await store.delete(keys.page('test-items', 1, 0));
    caches.metas.clear();
    caches.pages.clear();
    expect((await request('/v1/datasets/test-items/versions/1?limit=6')).status).toBe(404);
    const again = await request('/v1/datasets/test-items/versions/1?limit=5');
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(firstBody);
    for (const name of [
      'etag',
      'cache-control',
      'content-type',
      'access-control-allow-origin',
      'x-content-type-options',
      'content-security-policy',
      'link',
    ]) {
      expect(again.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(again.headers.get('server-timing')).toMatch(/^kv;desc="reads=0"/);
    expect(again.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('sends a kept body too large to send as it is (over 64 KiB) whole, twice over', async () => {
    const { request, store, caches } = testApp();
    await seedVersions(store, testDataset, [items(3_000)]);
    const first = await request('/v1/datasets/test-items/versions/1');
    const firstBody = new Uint8Array(await first.arrayBuffer());
    expect(firstBody.byteLength).toBeGreaterThan(64 * 1024);
    await store.delete(keys.versionMeta('test-items', 1));
    caches.metas.clear();
    caches.pages.clear();
    const [again, third] = await Promise.all([
      request('/v1/datasets/test-items/versions/1'),
      request('/v1/datasets/test-items/versions/1'),
    ]);
    for (const res of [again, third]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('server-timing')).toMatch(/^kv;desc="reads=0"/);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(firstBody);
    }
  });

  it('answers a revalidation with 304 from the kept response, and HEAD without a body', async () => {
    const { request, store, caches } = await seeded();
    const first = await request('/v1/datasets/test-items/versions/2');
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    await store.delete(keys.page('test-items', 2, 0));
    caches.pages.clear();
    const revalidated = await request('/v1/datasets/test-items/versions/2', {
      headers: { 'if-none-match': etag },
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('content-type')).toBeNull();
    expect(await revalidated.text()).toBe('');
    const head = await request('/v1/datasets/test-items/versions/2', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');
  });

  it('gives each answer from memory headers of its own, though they are built once', async () => {
    const { request } = await seeded();
    const isolateReads = (res: Response) =>
      Number(/kv-isolate;desc="reads=(\d+)"/.exec(res.headers.get('server-timing') ?? '')?.[1]);
    const etag = (await request('/v1/datasets/test-items/versions/2')).headers.get('etag') ?? '';
    const first = await request('/v1/datasets/test-items/versions/2');
    const firstNotModified = await request('/v1/datasets/test-items/versions/2', {
      headers: { 'if-none-match': etag },
    });
    const before = isolateReads(first);
    expect(isolateReads(firstNotModified)).toBe(before);
    // Another representation is read from KV, so the isolate's count moves on.
    await (await request('/v1/datasets/test-items/versions/1')).arrayBuffer();
    const second = await request('/v1/datasets/test-items/versions/2');
    const secondNotModified = await request('/v1/datasets/test-items/versions/2', {
      headers: { 'if-none-match': etag },
    });
    expect(isolateReads(second)).toBeGreaterThan(before);
    expect(isolateReads(secondNotModified)).toBe(isolateReads(second));
    expect(isolateReads(first)).toBe(before);
    expect(isolateReads(firstNotModified)).toBe(before);
    // Changing one answer's headers changes no other answer, now or later.
    first.headers.set('etag', '"changed"');
    secondNotModified.headers.set('cache-control', 'no-store');
    const third = await request('/v1/datasets/test-items/versions/2');
    expect(third.headers.get('etag')).toBe(etag);
    expect(second.headers.get('etag')).toBe(etag);
    const thirdNotModified = await request('/v1/datasets/test-items/versions/2', {
      headers: { 'if-none-match': etag },
    });
    expect(thirdNotModified.headers.get('cache-control')).toBe(third.headers.get('cache-control'));
    expect(thirdNotModified.headers.get('content-type')).toBeNull();
    expect(third.headers.get('content-type')).toBe('application/json');
  });

  it('sends a 304, routed or from memory, with the caching, contract and CORS headers only', async () => {
    const { request } = await seeded();
    const first = await request('/v1/datasets/test-items');
    const etag = first.headers.get('etag') ?? '';
    const revalidate = { headers: { 'if-none-match': etag, origin: 'https://dashboard.example' } };
    const routed = await testApp().request('/v1/datasets/test-items', revalidate);
    const kept = await request('/v1/datasets/test-items', revalidate);
    const names = [
      'access-control-allow-origin',
      'access-control-expose-headers',
      'cache-control',
      'cache-tag',
      'etag',
      'last-modified',
      'server-timing',
      'vary',
    ];
    for (const res of [routed, kept]) {
      expect(res.status).toBe(304);
      expect([...res.headers.keys()]).toEqual(names);
      for (const name of names.filter((n) => n !== 'server-timing')) {
        expect(res.headers.get(name), name).toBe(first.headers.get(name));
      }
    }
    // The 200 keeps everything, the security headers and the feeds' Link with it.
    for (const name of ['content-security-policy', 'x-content-type-options', 'link']) {
      expect(first.headers.get(name), name).not.toBeNull();
    }
  });

  it('remembers a 304 for pollers that only ever revalidate', async () => {
    const { request, store, caches } = await seeded();
    const etag = (await request('/v1/datasets/test-items')).headers.get('etag') ?? '';
    const fresh = testApp();
    const poll = () => fresh.request('/v1/datasets/test-items', { headers: { 'if-none-match': etag } });
    expect((await poll()).status).toBe(304);
    await store.delete(keys.head('test-items'));
    fresh.caches.moving.clear();
    caches.moving.clear();
    expect((await poll()).status).toBe(304);
    const other = await fresh.request('/v1/datasets/test-items', { headers: { 'if-none-match': '"nope"' } });
    expect(other.status).toBe(404);
  });

  it('stops answering for a version once retention drops its rows', async () => {
    const { request, store, caches } = await seeded();
    expect((await request('/v1/datasets/test-items/versions/1')).status).toBe(200);
    await seedVersions(store, testDataset, [items(30), items(40), items(41)], { retainedFrom: 2 });
    caches.moving.clear();
    expect((await request('/v1/datasets/test-items/versions/1')).status).toBe(410);
  });

  it('keeps representations apart by URL and Accept', async () => {
    const { request } = await seeded();
    const json = await request('/v1/datasets/test-items');
    const csv = await request('/v1/datasets/test-items', { headers: { accept: 'text/csv' } });
    const jsonAgain = await request('/v1/datasets/test-items');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(jsonAgain.headers.get('content-type')).toBe('application/json');
    expect(await jsonAgain.text()).toBe(await json.text());
  });

  it('forgets responses about the latest version when this isolate publishes', async () => {
    const { request, store, caches, responses } = await seeded();
    const before = await (await request('/v1/datasets/test-items')).json<{ version: number }>();
    await seedVersions(store, testDataset, [items(30), items(40), items(50)]);
    const stale = await (await request('/v1/datasets/test-items')).json<{ version: number }>();
    expect(stale.version).toBe(2);
    // What the admin route does after a publish (c.var.forgetMoving, src/http/purge-published.ts).
    forgetMovingReads(caches);
    forgetMovingResponses(responses);
    const after = await (await request('/v1/datasets/test-items')).json<{ version: number }>();
    expect([before.version, after.version]).toEqual([2, 3]);
  });

  it('never keeps a streamed body', async () => {
    const { request, store, responses } = testApp();
    // Over the buffered limit (4 MiB), so the body streams.
    const wide = items(60_000).map((r) => ({ ...r, name: `${r.name} ${'x'.repeat(60)}` }));
    await seedVersions(store, testDataset, [wide]);
    const res = await request('/v1/datasets/test-items');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(4 * 1024 * 1024);
    expect(responses.moving.get('http://assay.test/v1/datasets/test-items\n')).toBeUndefined();
    await (await request('/v1/datasets/test-items?limit=1')).arrayBuffer();
    expect(responses.moving.get('http://assay.test/v1/datasets/test-items?limit=1\n')).toBeDefined();
  });
});
