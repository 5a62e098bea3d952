import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Public data is meant to be embedded anywhere, so other origins may load it (CORP cross-origin). */
const crossOriginResourcePolicy = 'cross-origin';

/**
 * The headers that still mean something on a JSON or CSV answer (OWASP's REST security cheat sheet):
 * HSTS, nosniff, no framing, no referrer, and a CSP that lets a response opened in a browser run
 * nothing. Hono's other defaults (X-XSS-Protection, X-Download-Options, X-DNS-Prefetch-Control,
 * Origin-Agent-Cluster, COOP, X-Permitted-Cross-Domain-Policies) only act on HTML documents or
 * retired browsers, and every header costs each of the hot responses: the bench measured ~20 headers
 * at about a quarter of a small response's time on workerd.
 */
const apiHeaders = secureHeaders({
  crossOriginResourcePolicy,
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
});

/** An HTML page (the API reference) keeps Hono's full set. */
const pageHeaders = secureHeaders({ crossOriginResourcePolicy });

/**
 * The pages for people (src/routes/pages.tsx) load only the Worker's own hashed stylesheet and script:
 * a strict CSP with no inline script or style. Only embeds may be framed, by any site.
 */
const siteCsp = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  scriptSrc: ["'self'"],
  imgSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};
const sitePageHeaders = secureHeaders({
  crossOriginResourcePolicy,
  contentSecurityPolicy: { ...siteCsp, frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
});
// `*` matches only web origins: `file:` too, so an embed code pasted into a local HTML file works.
const embedHeaders = secureHeaders({
  crossOriginResourcePolicy,
  contentSecurityPolicy: { ...siteCsp, frameAncestors: ['*', 'file:'] },
  xFrameOptions: false,
});

function headersFor(path: string, pages: ReadonlySet<string>): MiddlewareHandler {
  if (path.startsWith('/embed/')) return embedHeaders;
  if (path === '/' || path.startsWith('/datasets/')) return sitePageHeaders;
  return pages.has(path) ? pageHeaders : apiHeaders;
}

/** Secure headers by what a path answers with: the pages, the listed HTML pages, or API data elsewhere. */
export function securityHeaders(options: { pages: readonly string[] }): MiddlewareHandler {
  const pages = new Set(options.pages);
  return (c, next) => headersFor(c.req.path, pages)(c, next);
}
