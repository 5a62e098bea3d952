import { etag } from 'hono/etag';
import { cacheControl } from '../http/cache-headers.ts';
import { noQuery } from '../http/no-query.ts';
import { ApiReference, type OpenApiDocument } from '../pages/api-reference.tsx';
import type { AppOpenAPI } from './create-router.ts';

const openApiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Assay',
    version: '1',
    description: 'Spreadsheet data published as immutable, versioned JSON and CSV.',
  },
};

/**
 * The OpenAPI document at /openapi.json and a readable reference at /docs, both made from the routes
 * registered on `app`, so call it after them. They take no query, like every route without parameters.
 */
export function configureReference(app: AppOpenAPI): void {
  // The reference changes only with a deploy: Hono's etag middleware makes rereading it a 304.
  for (const path of ['/openapi.json', '/docs']) {
    app.use(path, noQuery, etag(), cacheControl('public, max-age=300'));
  }
  app.doc31('/openapi.json', openApiConfig);
  app.get('/docs', (c) =>
    c.html(
      `<!doctype html>${<ApiReference doc={app.getOpenAPI31Document(openApiConfig) as OpenApiDocument} />}`,
    ),
  );
}
