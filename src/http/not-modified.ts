import type { MiddlewareHandler } from 'hono';
import { RETAINED_304_HEADERS } from 'hono/etag';

/**
 * The headers a 304 carries. RFC 9110 §15.4.5 asks for those a 200 would carry that caches update
 * from (Hono's etag middleware keeps the same list) and advises against other metadata; to these go
 * what the API's contract declares on a 304 (Last-Modified, Cache-Tag) and CORS, so a script on
 * another origin that revalidates, as `assay/client` does, may read the answer. Server-Timing is
 * added after. The rest (security headers, Link) belong to the stored 200, whose headers a browser
 * keeps when it applies a 304; each would only add to every poller's answer.
 */
const carried = new Set([
  ...RETAINED_304_HEADERS,
  'last-modified',
  'cache-tag',
  'access-control-allow-origin',
  'access-control-expose-headers',
]);

const strip = (headers: Headers) => {
  for (const name of [...headers.keys()]) if (!carried.has(name)) headers.delete(name);
};

/** A 304's headers made from its 200's (or a routed 304's), as a new object. */
export function notModifiedHeaders(headers: Headers): Headers {
  const notModified = new Headers(headers);
  strip(notModified);
  return notModified;
}

/**
 * Every 304 the app sends carries only those: registered before the middleware that add headers, so
 * it runs after them. In place, as Hono's `c.res` setter would merge the old headers back.
 */
export const trimNotModified: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status === 304) strip(c.res.headers);
};
