import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DatasetDefinition } from './datasets/types.ts';
import type { Bindings } from './env.ts';
import { loadConfig } from './http/load-config.ts';
import { trimNotModified } from './http/not-modified.ts';
import { problem } from './http/problem.ts';
import {
  cacheResponses,
  createResponseCache,
  forgetMovingResponses,
  type ResponseCache,
} from './http/response-cache.ts';
import { securityHeaders } from './http/security-headers.ts';
import { logEvent } from './log-event.ts';
import { adminRoutes } from './routes/admin.ts';
import { createRouter } from './routes/create-router.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { deltaRoutes } from './routes/deltas.ts';
import { feedDiscovery, feedRoutes } from './routes/feeds.ts';
import { healthRoutes } from './routes/health.ts';
import { liveRoutes } from './routes/live.ts';
import { isUnderPages, pageNotFound, pageRoutes, siteRoutes } from './routes/pages.tsx';
import { configureReference } from './routes/reference.tsx';
import { countingStore, type KvStore, kvStore } from './store/kv.ts';
import {
  cachedHead,
  createReader,
  createReaderCaches,
  forgetMovingReads,
  type ReaderCaches,
} from './store/reader.ts';

export interface AppOptions {
  datasets: readonly DatasetDefinition[];
  /** How a request reaches KV; tests wrap it to count reads or fail writes. */
  store?: (env: Bindings) => KvStore;
  caches?: ReaderCaches;
  responses?: ResponseCache;
}

const publicCors = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  // Link and X-Match-Count carry what a CSV or NDJSON answer has no envelope for.
  exposeHeaders: ['ETag', 'Last-Modified', 'Link', 'X-Match-Count', 'Content-Disposition', 'Server-Timing'],
  maxAge: 86_400,
});

const notFound = (path: string) =>
  problem(404, `Nothing is found at ${path}. The API starts at /v1/datasets; its reference is at /docs.`);

export function createApp(options: AppOptions) {
  const registry = new Map(options.datasets.map((def) => [def.id, def]));
  const store = options.store ?? ((env: Bindings) => kvStore(env.DATASETS));
  const caches = options.caches ?? createReaderCaches();
  const responses = options.responses ?? createResponseCache();
  const forgetMoving = () => {
    forgetMovingReads(caches);
    forgetMovingResponses(responses);
  };

  const app = createRouter();

  // Reads are counted per request and per isolate and reported in Server-Timing, so the benchmark
  // can measure KV reads per 1,000 requests from outside (a streamed body's page reads happen after
  // the headers leave, hence the isolate total).
  const isolateReads = { reads: 0 };
  const serverTiming = (requestReads: number) =>
    `kv;desc="reads=${requestReads}", kv-isolate;desc="reads=${isolateReads.reads}"`;
  // An answer from memory reads nothing; its header changes only when the isolate's total does.
  let hit = { reads: -1, timing: '' };
  const hitTiming = () => {
    if (hit.reads !== isolateReads.reads) hit = { reads: isolateReads.reads, timing: serverTiming(0) };
    return hit.timing;
  };
  app.use(async (c, next) => {
    const requestReads = { reads: 0 };
    c.set('datasets', registry);
    c.set('forgetMoving', forgetMoving);
    c.set('reader', createReader(countingStore(store(c.env), requestReads, isolateReads), caches));
    await next();
    c.res.headers.append('server-timing', serverTiming(requestReads.reads));
  });
  // Before the header middleware, so a 304 sheds what they add (kept 304s are made the same way) and
  // a kept response carries it.
  app.use(trimNotModified);
  cacheResponses(app, {
    cache: responses,
    heldHead: (dataset) => cachedHead(caches, dataset),
    stamp: { name: 'server-timing', value: hitTiming },
  });
  app.use(securityHeaders({ pages: ['/docs'] }));
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, allowed) =>
        problem(
          405,
          `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}.`,
          {},
          { allow: allowed.join(', ') },
        ).getResponse(),
    }),
  );
  for (const path of ['/v1/*', '/healthz', '/openapi.json', '/oembed']) app.use(path, publicCors);
  // Feed readers and browsers find a dataset's feeds from its own answers.
  for (const path of ['/v1/datasets', '/v1/datasets/:id']) app.use(path, feedDiscovery);
  app.use(loadConfig());

  app.route('/', datasetRoutes);
  app.route('/', deltaRoutes);
  app.route('/', liveRoutes);
  app.route('/', feedRoutes);
  // Admin paths sit outside the CORS paths above on purpose: no browser page may call them cross-origin.
  app.route('/', adminRoutes);
  app.route('/', healthRoutes);
  // Pages for people and their embeds (HTML; kept out of the OpenAPI document), oEmbed and their assets.
  app.route('/', pageRoutes);
  app.route('/', siteRoutes);
  configureReference(app);

  app.notFound((c) => (isUnderPages(c.req.path) ? pageNotFound(c) : notFound(c.req.path).getResponse()));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      // Hono's own middleware (and zod-openapi's JSON check) throw plain-text exceptions: reshape them.
      const shaped = error.res?.headers.get('content-type')?.includes('application/problem+json');
      return shaped
        ? error.getResponse()
        : problem(error.status as ContentfulStatusCode, error.message).getResponse();
    }
    logEvent('error', { path: c.req.path, message: String(error) }, 'error');
    return problem(500, 'Something failed on our side; it has been logged. Try again shortly.').getResponse();
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
