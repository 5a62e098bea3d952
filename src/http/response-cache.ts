import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { bytesBody } from '../render/byte-stream.ts';
import { type CachedResponse, cachedHead, type ReaderCaches } from '../store/reader.ts';
import { ifNoneMatchHits } from './etag.ts';

/**
 * The isolate's own copy of finished responses, so a hot dataset is answered without routing,
 * validating, negotiating or rendering again: the same idea as Workers Cache, one layer closer.
 * Routes opt in through `c.var.cacheable`; the key is the URL and the Accept header (the only header
 * a representation depends on: responses say `Vary: Accept`).
 */
const cacheKey = (url: string, accept: string | null | undefined) => `${url}\n${accept ?? ''}`;

const withoutBody = new Set(['content-length', 'content-type']);

/**
 * Answers from memory alone, before the router runs, or returns undefined to let the app answer. A
 * numbered version is sent again only while the head this isolate holds says retention keeps it;
 * without a cached head the app checks (and remembers the response again).
 */
export function answerFromMemory(request: Request, caches: ReaderCaches): Response | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const key = cacheKey(request.url, request.headers.get('accept'));
  const entry = caches.responses.get(key) ?? caches.movingResponses.get(key);
  if (!entry) return undefined;
  if (entry.version) {
    const head = cachedHead(caches, entry.version.dataset);
    if (!head || entry.version.version < head.retainedFrom) return undefined;
  }
  if (ifNoneMatchHits(request.headers.get('if-none-match') ?? undefined, entry.etag)) {
    return new Response(null, {
      status: 304,
      headers: entry.headers.filter(([name]) => !withoutBody.has(name)),
    });
  }
  if (entry.body === null) return undefined;
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers: headOf(entry) });
  return new Response(bytesBody(entry.body), { status: 200, headers: entry.headers });
}

/** HEAD says how long the GET body is, as a streamed GET cannot. */
function headOf(entry: CachedResponse): Headers {
  const headers = new Headers(entry.headers);
  if (entry.body) headers.set('content-length', String(entry.body.byteLength));
  return headers;
}

/** Keeps what a route marked cacheable, once every header middleware has had its say. */
export function rememberResponses(caches: ReaderCaches): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const lifetime = c.var.cacheable;
    const { status } = c.res;
    // Hono answers HEAD by running GET and dropping the body afterwards, so c.res still holds it here.
    if (!lifetime || (status !== 200 && status !== 304)) return;
    const etag = c.res.headers.get('etag');
    const key = cacheKey(c.req.url, c.req.header('accept'));
    const store = lifetime === 'moving' ? caches.movingResponses : caches.responses;
    // A 304 is remembered only where nothing better is known, so pollers that only ever revalidate
    // are answered from memory too.
    if (!etag || (status === 304 && store.get(key))) return;
    const cached: CachedResponse = {
      etag,
      headers: [...c.res.headers],
      body: status === 200 ? new Uint8Array(await c.res.clone().arrayBuffer()) : null,
      ...(lifetime !== 'moving' && { version: lifetime }),
    };
    store.set(key, cached);
    if (c.req.method === 'HEAD') c.res = new Response(null, { status, headers: headOf(cached) });
  };
}
