import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../env.ts';
import { latestCacheControl } from './cache-headers.ts';
import { ifNoneMatchHits } from './etag.ts';
import {
  cacheResponses,
  createResponseCache,
  forgetMovingResponses,
  keepResponse,
} from './response-cache.ts';

/**
 * A real Hono app behind `cacheResponses` whose one latest route counts its renders. A render reads
 * the version as it starts; the next one can be held open (`hold`) to stand for a slow one.
 */
function latestApp() {
  const clock = { now: 0 };
  const cache = createResponseCache({ now: () => clock.now });
  const app = new Hono<AppEnv>();
  cacheResponses(app, { cache, heldHead: () => undefined });
  const state = { renders: 0, version: 1, keep: true, held: undefined as Promise<void> | undefined };
  app.get('/latest', async (c) => {
    state.renders++;
    const { version, held } = state;
    state.held = undefined;
    await held;
    if (state.keep) keepResponse(c, 'moving');
    const headers = { etag: `"v${version}"`, 'cache-control': latestCacheControl };
    if (ifNoneMatchHits(c.req.header('if-none-match'), headers.etag)) return c.body(null, 304, headers);
    return c.body(`version ${version}`, 200, headers);
  });
  /** Holds the next render open until the returned function is called. */
  const hold = () => {
    const { promise, resolve } = Promise.withResolvers<void>();
    state.held = promise;
    return resolve;
  };
  const request = (init?: RequestInit) => app.request('http://assay.test/latest', init);
  return { cache, clock, state, hold, request };
}

const expiry = 5_000;

describe('the response cache when a latest response expires', () => {
  it('renders it once for requests in flight, sending the others the expired one as it was kept', async () => {
    const { clock, state, hold, request } = latestApp();
    const first = await request();
    expect(await first.text()).toBe('version 1');
    state.version = 2;
    clock.now = expiry;
    const release = hold();
    const refreshing = request();
    const others = await Promise.all(Array.from({ length: 9 }, () => request()));
    const conditional = await request({ headers: { 'if-none-match': '"v1"' } });
    expect(state.renders).toBe(2);
    for (const res of others) {
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('version 1');
      expect(res.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(res.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    }
    expect(conditional.status).toBe(304);
    expect(conditional.headers.get('etag')).toBe('"v1"');
    expect(conditional.headers.get('cache-control')).toBe(latestCacheControl);
    release();
    const refreshed = await refreshing;
    expect(await refreshed.text()).toBe('version 2');
    const after = await request();
    expect([await after.text(), after.headers.get('etag'), state.renders]).toEqual(['version 2', '"v2"', 2]);
  });

  it('stops sending an expired response once its bound (the time to live again) has passed', async () => {
    const { clock, state, hold, request } = latestApp();
    await request();
    clock.now = expiry;
    const release = hold();
    const refreshing = request();
    clock.now = 2 * expiry - 1;
    expect(await (await request()).text()).toBe('version 1');
    expect(state.renders).toBe(2);
    clock.now = 2 * expiry;
    state.version = 2;
    const past = request();
    expect(state.renders).toBe(3);
    release();
    expect(await (await past).text()).toBe('version 2');
    await refreshing;
  });

  it('sends the expired response no more once the one rendering it again did not keep it', async () => {
    const { clock, state, hold, request } = latestApp();
    await request();
    clock.now = expiry;
    state.keep = false;
    const release = hold();
    const refreshing = request();
    expect(await (await request()).text()).toBe('version 1');
    release();
    await refreshing;
    state.version = 2;
    const releaseNext = hold();
    const next = request();
    expect(await (await request()).text()).toBe('version 2');
    releaseNext();
    expect(await (await next).text()).toBe('version 2');
    expect(state.renders).toBe(4);
  });

  it('sends nothing expired after this isolate published, nor keeps what was routed across it', async () => {
    const { cache, clock, state, hold, request } = latestApp();
    await request();
    clock.now = expiry;
    const release = hold();
    const refreshing = request();
    state.version = 2;
    forgetMovingResponses(cache);
    expect(await (await request()).text()).toBe('version 2');
    expect(state.renders).toBe(3);
    release();
    // The render begun before the publish read version 1: it is sent, not kept over version 2.
    expect(await (await refreshing).text()).toBe('version 1');
    expect(await (await request()).text()).toBe('version 2');
    expect(state.renders).toBe(3);
  });

  it('makes an expired response fresh again when a revalidation says it is still current', async () => {
    const { clock, state, request } = latestApp();
    await request();
    clock.now = expiry;
    const revalidated = await request({ headers: { 'if-none-match': '"v1"' } });
    expect(revalidated.status).toBe(304);
    clock.now = 2 * expiry - 1;
    const again = await request();
    expect([again.status, await again.text(), state.renders]).toEqual([200, 'version 1', 2]);
  });
});
