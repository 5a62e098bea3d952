import { createRoute, z } from '@hono/zod-openapi';
import { noQuery } from '../http/no-query.ts';
import { DatasetIdParam, RowsQuery, VersionParam, VersionsQuery } from './schemas.ts';

/*
 * Pages for people. Declared like the API's routes, so their parameters go through the same schemas
 * and the same validation hook (the same 400s and 404s), but hidden from the OpenAPI document: it
 * describes the data API, and HTML pages are not a contract programs code against.
 */

const html = { 200: { description: 'An HTML page.', content: { 'text/html': { schema: z.string() } } } };

/** The API's row query minus `format`: a page is HTML; its download links give JSON and CSV. */
const PageQuery = RowsQuery.omit({ format: true });

const EmbedQuery = PageQuery.extend({
  view: z
    .enum(['chart', 'table'], {
      error: (issue) => `view must be chart or table; got "${String(issue.input)}".`,
    })
    .optional(),
});

const wholeNumber = (name: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/, `${name} must be a whole number of pixels from 1 to 99999.`)
    .transform(Number)
    .optional();

const datasetParams = z.object({ id: DatasetIdParam });
const versionParams = z.object({ id: DatasetIdParam, n: VersionParam });

export const cataloguePage = createRoute({
  method: 'get',
  path: '/',
  hide: true,
  middleware: [noQuery] as const,
  responses: html,
});

export const latestPage = createRoute({
  method: 'get',
  path: '/datasets/{id}',
  hide: true,
  request: { params: datasetParams, query: PageQuery },
  responses: html,
});

export const historyPage = createRoute({
  method: 'get',
  path: '/datasets/{id}/versions',
  hide: true,
  // The API's own paging, so its cursor and its 400s are the same.
  request: { params: datasetParams, query: VersionsQuery },
  responses: html,
});

export const versionPage = createRoute({
  method: 'get',
  path: '/datasets/{id}/versions/{n}',
  hide: true,
  request: { params: versionParams, query: PageQuery },
  responses: html,
});

export const latestEmbed = createRoute({
  method: 'get',
  path: '/embed/{id}',
  hide: true,
  request: { params: datasetParams, query: EmbedQuery },
  responses: html,
});

export const versionEmbed = createRoute({
  method: 'get',
  path: '/embed/{id}/versions/{n}',
  hide: true,
  request: { params: versionParams, query: EmbedQuery },
  responses: html,
});

export const oembed = createRoute({
  method: 'get',
  path: '/oembed',
  hide: true,
  request: {
    query: z.object({
      url: z.string({ error: 'url is required: the address of a dataset page, like /datasets/production.' }),
      maxwidth: wholeNumber('maxwidth'),
      maxheight: wholeNumber('maxheight'),
      // Any other format is the spec's 501, answered by the handler.
      format: z.string().optional(),
    }),
  },
  responses: { 200: { description: 'oEmbed 1.0 JSON, type rich.' } },
});

export const asset = createRoute({
  method: 'get',
  path: '/assets/{file}',
  hide: true,
  middleware: [noQuery] as const,
  request: {
    params: z.object({ file: z.string().regex(/^[a-z]+\.[0-9a-f]{12}\.(?:css|js)$/, 'No such asset.') }),
  },
  responses: { 200: { description: 'A stylesheet or script of the pages.' } },
});
