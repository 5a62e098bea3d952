import type { MiddlewareHandler } from 'hono';

/** Latest moves: browsers recheck within seconds (a 304), caches may serve a little stale meanwhile. */
export const latestCacheControl = 'public, max-age=5, stale-while-revalidate=30';
/** A numbered version never changes. */
export const immutableCacheControl = 'public, max-age=31536000, immutable';

/** Tags every public response so a publish can purge one dataset's responses from Workers Cache. */
export function cacheTags(dataset?: string): string {
  return dataset ? `assay,assay:${dataset}` : 'assay,assay:catalogue';
}

export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/** Sets Cache-Control on successful responses of routes that do not set their own. */
export function cacheControl(value: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.ok) c.res.headers.set('cache-control', value);
  };
}
