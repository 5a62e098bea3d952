import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import type { CachedResponse, DatasetReader, ReaderCaches } from '../store/reader.ts';
import { ifNoneMatchHits } from './etag.ts';

const withoutBody = new Set(['content-length', 'content-type']);

function replay(entry: CachedResponse, request: Request): Response | undefined {
  const revalidated = ifNoneMatchHits(request.headers.get('if-none-match') ?? undefined, entry.etag);
  if (revalidated) {
    return new Response(null, {
      status: 304,
      headers: entry.headers.filter(([name]) => !withoutBody.has(name)),
    });
  }
  if (entry.body === null) return undefined;
  return new Response(request.method === 'HEAD' ? null : entry.body, { status: 200, headers: entry.headers });
}

/** Whether retention still keeps a version's rows; the head it asks is itself cached for seconds. */
async function stillKept(reader: DatasetReader, { dataset, version }: { dataset: string; version: number }) {
  const head = await reader.head(dataset);
  return head !== null && version >= head.retainedFrom;
}

/**
 * The isolate's own copy of finished responses, so a hot dataset is answered without routing,
 * validating, negotiating or rendering again: the same idea as Workers Cache, one layer closer. Routes
 * opt in through `c.var.cacheable`; the key is the URL and the Accept header (the only header a
 * representation depends on: responses say `Vary: Accept`).
 */
export function responseCache(caches: ReaderCaches): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { method } = c.req;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const key = `${c.req.url}\n${c.req.header('accept') ?? ''}`;
    let entry = caches.responses.get(key) ?? caches.movingResponses.get(key);
    if (entry?.version && !(await stillKept(c.var.reader, entry.version))) {
      caches.responses.delete(key);
      entry = undefined;
    }
    const hit = entry && replay(entry, c.req.raw);
    if (hit) return hit;

    await next();
    const lifetime = c.var.cacheable;
    const { status } = c.res;
    if (!lifetime || method !== 'GET' || (status !== 200 && status !== 304)) return;
    const etag = c.res.headers.get('etag');
    if (!etag || (status === 304 && entry)) return;
    const cached: CachedResponse = {
      etag,
      headers: [...c.res.headers],
      body: status === 200 ? new Uint8Array(await c.res.clone().arrayBuffer()) : null,
    };
    if (lifetime === 'moving') caches.movingResponses.set(key, cached);
    else caches.responses.set(key, { ...cached, version: lifetime });
  };
}
