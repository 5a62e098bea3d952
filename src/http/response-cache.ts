import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { cacheBudget } from '../memory-budget.ts';
import { bytesBody } from '../render/byte-stream.ts';
import { BoundedCache } from '../store/bounded-cache.ts';
import type { Head } from '../store/records.ts';
import { ifNoneMatchHits } from './etag.ts';
import { notModifiedHeaders } from './not-modified.ts';

/**
 * The isolate's own copy of finished responses, so a hot dataset is answered without routing,
 * validating, negotiating or rendering again: the same idea as Workers Cache, one layer closer.
 * A route opts in with `keepResponse`; `cacheResponses` is the one place that keeps and sends them.
 * The key is the URL and the Accept header (the only header a representation depends on: responses
 * say `Vary: Accept`).
 */

/**
 * How long a response may be sent again: `moving` for what follows the head (a few seconds, forgotten
 * at once when this isolate publishes), or the numbered version it shows, kept until retention drops
 * its rows.
 */
export type Lifetime = 'moving' | { dataset: string; version: number };

interface KeptResponse {
  version?: { dataset: string; version: number };
  etag: string;
  /**
   * Built once and copied into each response: workerd copies a Headers object natively, while a list
   * of pairs is converted pair by pair through JavaScript on every response, which cost a small kept
   * response about a third of its time in the isolate (BENCHMARKS.md).
   */
  headers: Headers;
  /** What a 304 of it carries (not-modified.ts). */
  notModified: Headers;
  /** Null for a 304 kept only to answer the same revalidation again. */
  body: Uint8Array | null;
  /** The value of the app's `stamp` header last set on `headers` and `notModified`. */
  stamped?: string;
}

export interface ResponseCache {
  immutable: BoundedCache<KeptResponse>;
  moving: BoundedCache<KeptResponse>;
  /** How many times this isolate published: a response routed across a publish is not kept. */
  publishes: number;
}

/** What the cache needs to know of the datasets: the head this isolate holds, without any I/O. */
export type HeldHead = (dataset: string) => Head | null | undefined;

/**
 * A latest response is fresh for 5 s, then served stale for at most 5 s more, and only while one
 * request routes to render it again (`refreshing`): the same `max-age=5, stale-while-revalidate`
 * the responses tell other caches (cache-headers.ts).
 *
 * Why stale-while-revalidate rather than a single flight (misses waiting for the first one's
 * response): the router cannot tell before it runs whether a response will be kept (a large body
 * streams and is not), so waiting would delay requests that are never kept; and a waiter would still
 * wait a whole render, where a stale answer is sent at once. Without either, every request in flight
 * at an expiry rendered the same response again, megabytes each for a large latest download.
 */
const movingTtlMs = 5_000;
const weight = (r: KeptResponse) => (r.body?.byteLength ?? 0) + 1_024;

export interface ResponseCacheOptions {
  budgetBytes?: number;
  /** The clock the moving responses expire by; tests move it. */
  now?: () => number;
}

export function createResponseCache({
  budgetBytes = cacheBudget.responses,
  now,
}: ResponseCacheOptions = {}): ResponseCache {
  return {
    immutable: new BoundedCache({ maxWeight: budgetBytes / 2, weigh: weight }),
    moving: new BoundedCache({
      maxWeight: budgetBytes / 2,
      weigh: weight,
      ttlMs: movingTtlMs,
      staleMs: movingTtlMs,
      ...(now && { now }),
    }),
    publishes: 0,
  };
}

/**
 * Expired responses one request is rendering again. Held by the entry itself, so a claim ends with
 * its entry (evicted, replaced, forgotten after a publish, or past its stale bound) and never blocks
 * a later one.
 */
const refreshing = new WeakSet<KeptResponse>();

/**
 * Marks the response a route is about to send as one to keep. Only buffered bodies qualify: a route
 * streaming a large body does not call it (the isolate's page cache still serves those).
 */
export function keepResponse(c: Context<AppEnv>, lifetime: Lifetime): void {
  c.set('keepResponse', lifetime);
}

const cacheKey = (url: string, accept: string | null | undefined) => `${url}\n${accept ?? ''}`;

/** HEAD says how long the GET body is, as a streamed GET cannot. */
function headOf(entry: KeptResponse): Headers {
  const headers = new Headers(entry.headers);
  if (entry.body) headers.set('content-length', String(entry.body.byteLength));
  return headers;
}

/** The kept response to answer with: a fresh one, or an expired latest one another request renders again. */
function keptFor(cache: ResponseCache, key: string): KeptResponse | undefined {
  const fresh = cache.immutable.get(key) ?? cache.moving.get(key);
  if (fresh) return fresh;
  const stale = cache.moving.getStale(key);
  return stale && refreshing.has(stale) ? stale : undefined;
}

/**
 * Answers from memory alone, or undefined to let the app answer. A numbered version is sent again
 * only while the head this isolate holds says retention keeps it; without a held head the app checks
 * (and keeps the response again).
 */
function answerFromMemory(
  request: Request,
  key: string,
  { cache, heldHead, stamp }: CacheResponsesOptions,
): Response | undefined {
  const entry = keptFor(cache, key);
  if (!entry) return undefined;
  if (entry.version) {
    const head = heldHead(entry.version.dataset);
    if (!head || entry.version.version < head.retainedFrom) return undefined;
  }
  if (stamp) {
    const value = stamp.value();
    if (entry.stamped !== value) {
      entry.headers.set(stamp.name, value);
      entry.notModified.set(stamp.name, value);
      entry.stamped = value;
    }
  }
  if (ifNoneMatchHits(request.headers.get('if-none-match') ?? undefined, entry.etag))
    return new Response(null, { status: 304, headers: entry.notModified });
  if (entry.body === null) return undefined;
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers: headOf(entry) });
  return new Response(bytesBody(entry.body), { status: 200, headers: entry.headers });
}

/** Keeps what a route marked, once every header middleware registered after this one has had its say. */
function keepMarked(cache: ResponseCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const publishes = cache.publishes;
    await next();
    const lifetime = c.var.keepResponse;
    const { status } = c.res;
    // Hono answers HEAD by running GET and dropping the body afterwards, so c.res still holds it here.
    if (!lifetime || (status !== 200 && status !== 304)) return;
    // What was read before this isolate published may be about the version before it.
    if (lifetime === 'moving' && cache.publishes !== publishes) return;
    const etag = c.res.headers.get('etag');
    const key = cacheKey(c.req.url, c.req.header('accept'));
    const store = lifetime === 'moving' ? cache.moving : cache.immutable;
    if (!etag) return;
    if (status === 304) {
      // A 304 is kept only where nothing better is known, so pollers that only ever revalidate are
      // answered from memory too; an expired response it says is still current is fresh again.
      if (store.get(key)) return;
      const stale = store.getStale(key);
      if (stale?.etag === etag) {
        store.set(key, { ...stale });
        return;
      }
    }
    const headers = new Headers(c.res.headers);
    const kept: KeptResponse = {
      etag,
      headers,
      notModified: notModifiedHeaders(headers),
      body: status === 200 ? new Uint8Array(await c.res.clone().arrayBuffer()) : null,
      ...(lifetime !== 'moving' && { version: lifetime }),
    };
    store.set(key, kept);
    if (c.req.method === 'HEAD') c.res = new Response(null, { status, headers: headOf(kept) });
  };
}

export interface CacheResponsesOptions {
  cache: ResponseCache;
  heldHead: HeldHead;
  /**
   * A header the app sets after routing (Server-Timing), set on a kept response's headers before a
   * response is made from them. Set again only when `value` (called on every hit, so cheap) changes:
   * writing a header is a call into the runtime that a revalidation otherwise would not make.
   */
  stamp?: { name: string; value: () => string };
}

/**
 * The entry point: registers the middleware that keeps marked responses (where it is called, so the
 * header middleware registered after it shapes what is kept) and answers the app's requests from
 * memory before its router runs, the cheapest answer there is.
 */
export function cacheResponses(app: Hono<AppEnv>, options: CacheResponsesOptions): void {
  const { cache } = options;
  app.use(keepMarked(cache));
  const route = app.fetch;
  app.fetch = (request, env, ctx) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return route(request, env, ctx);
    const key = cacheKey(request.url, request.headers.get('accept'));
    const answer = answerFromMemory(request, key, options);
    if (answer) return answer;
    const stale = cache.moving.getStale(key);
    if (!stale || refreshing.has(stale)) return route(request, env, ctx);
    // The first request to find a latest response expired renders it again; the others are sent it.
    refreshing.add(stale);
    // Once the app has answered, a response it did not keep again (an error, a body that now
    // streams) must not be stood in for by the old one: the next request routes.
    return Promise.resolve(route(request, env, ctx)).finally(() => {
      refreshing.delete(stale);
      if (cache.moving.getStale(key) === stale) cache.moving.delete(key);
    });
  };
}

/** Forgets every response about a latest version, after this isolate published something. */
export function forgetMovingResponses(cache: ResponseCache): void {
  cache.moving.clear();
  cache.publishes++;
}
