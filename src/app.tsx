import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DatasetDefinition } from './datasets/types.ts';
import type { AppEnv, Bindings } from './env.ts';
import { cacheControl } from './http/cache-headers.ts';
import { notFoundOrNotAllowed } from './http/method-not-allowed.ts';
import { problem } from './http/problem.ts';
import { answerFromMemory, rememberResponses } from './http/response-cache.ts';
import { securityHeaders } from './http/security-headers.ts';
import { ApiReference, type OpenApiDocument } from './pages/api-reference.tsx';
import { adminRoutes } from './routes/admin.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { healthRoutes } from './routes/health.ts';
import { validationHook } from './routes/validation-hook.ts';
import { countingStore, type KvStore, kvStore } from './store/kv.ts';
import { createReader, createReaderCaches, type ReaderCaches } from './store/reader.ts';

export interface AppOptions {
  datasets: readonly DatasetDefinition[];
  /** How a request reaches KV; tests wrap it to count reads or fail writes. */
  store?: (env: Bindings) => KvStore;
  caches?: ReaderCaches;
}

const publicCors = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  // Link carries a CSV page's next page, which has no envelope to carry it.
  exposeHeaders: ['ETag', 'Last-Modified', 'Link', 'Server-Timing'],
  maxAge: 86_400,
});

const openApiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Assay',
    version: '1',
    description: 'Spreadsheet data published as immutable, versioned JSON and CSV.',
  },
};

export function createApp(options: AppOptions) {
  const registry = new Map(options.datasets.map((def) => [def.id, def]));
  const store = options.store ?? ((env: Bindings) => kvStore(env.DATASETS));
  const caches = options.caches ?? createReaderCaches();

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  // Reads are counted per request and per isolate and reported in Server-Timing, so the benchmark
  // can measure KV reads per 1,000 requests from outside (a streamed body's page reads happen after
  // the headers leave, hence the isolate total).
  const isolateReads = { reads: 0 };
  const serverTiming = (requestReads: number) =>
    `kv;desc="reads=${requestReads}", kv-isolate;desc="reads=${isolateReads.reads}"`;
  app.use(async (c, next) => {
    const requestReads = { reads: 0 };
    c.set('datasets', registry);
    c.set('reader', createReader(countingStore(store(c.env), requestReads, isolateReads), caches));
    await next();
    c.res.headers.append('server-timing', serverTiming(requestReads.reads));
  });
  // Before the header middleware, so a remembered response carries the headers they add.
  app.use(rememberResponses(caches));
  app.use(securityHeaders({ pages: ['/docs'] }));
  for (const path of ['/v1/*', '/healthz', '/openapi.json']) app.use(path, publicCors);

  app.route('/', datasetRoutes);
  // Admin paths sit outside the CORS paths above on purpose: no browser page may call them cross-origin.
  app.route('/', adminRoutes);
  app.route('/', healthRoutes);
  // The reference changes only with a deploy: Hono's etag middleware makes rereading it a 304.
  for (const path of ['/openapi.json', '/docs']) app.use(path, etag(), cacheControl('public, max-age=300'));
  app.doc31('/openapi.json', openApiConfig);
  app.get('/docs', (c) =>
    c.html(
      `<!doctype html>${<ApiReference doc={app.getOpenAPI31Document(openApiConfig) as OpenApiDocument} />}`,
    ),
  );

  app.notFound((c) => notFoundOrNotAllowed(app as never, c.req.method, c.req.path).getResponse());
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      // Hono's own middleware (and zod-openapi's JSON check) throw plain-text exceptions: reshape them.
      const shaped = error.res?.headers.get('content-type')?.includes('application/problem+json');
      return shaped
        ? error.getResponse()
        : problem(error.status as ContentfulStatusCode, error.message).getResponse();
    }
    console.error(JSON.stringify({ event: 'error', path: c.req.path, message: String(error) }));
    return problem(500, 'Something failed on our side; it has been logged. Try again shortly.').getResponse();
  });
  // A response this isolate already holds is sent before the router runs: the cheapest answer there is.
  const route = app.fetch;
  app.fetch = (request, env, ctx) => {
    const remembered = answerFromMemory(request, caches);
    if (!remembered) return route(request, env, ctx);
    remembered.headers.append('server-timing', serverTiming(0));
    return remembered;
  };
  return app;
}

export type App = ReturnType<typeof createApp>;
