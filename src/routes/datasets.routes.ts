import { createRoute, z } from '@hono/zod-openapi';
import { noQuery } from '../http/no-query.ts';
import {
  CatalogueSchema,
  ChangeCountsSchema,
  DatasetIdParam,
  DatasetVersionSchema,
  problemContent,
  RowSchema,
  RowsQuery,
  VersionParam,
  VersionsQuery,
  VersionsSchema,
} from './schemas.ts';

const rowsContent = {
  'application/json': { schema: DatasetVersionSchema },
  'text/csv': {
    schema: z.string().openapi({ description: 'RFC 4180 CSV with a header row in schema order.' }),
  },
};

/** What caches and pollers read, on every answer with or without a body (README, Caching). */
export const cachingHeaders = z.object({
  ETag: z.string().openapi({
    description: 'Strong; changes with the version and the representation. Send it back as If-None-Match.',
  }),
  'Cache-Control': z.string().openapi({
    description:
      'Latest and lists: a short max-age with stale-while-revalidate; a numbered version: immutable.',
  }),
  'Last-Modified': z
    .string()
    .optional()
    .openapi({ description: 'When the version this answer reflects was published (not on /schema).' }),
  'Cache-Tag': z
    .string()
    .openapi({ description: "Purge tags: `assay`, and `assay:{id}` on a dataset's answers." }),
});

export const notModified = {
  304: { description: 'Unchanged since the ETag in If-None-Match.', headers: cachingHeaders },
};
export const badQuery = {
  400: {
    description: 'A query parameter is unknown or malformed (routes without parameters take none).',
    content: problemContent,
  },
};
const pastRetention = {
  410: { description: 'The version is listed but its rows are past retention.', content: problemContent },
};
export const unknown = (what: string) => ({
  404: { description: `No such ${what}.`, content: problemContent },
});

export const listDatasets = createRoute({
  method: 'get',
  middleware: [noQuery] as const,
  path: '/v1/datasets',
  tags: ['datasets'],
  summary: 'The catalogue: every dataset with its latest version',
  responses: {
    200: {
      description: 'The catalogue.',
      headers: cachingHeaders,
      content: { 'application/json': { schema: CatalogueSchema } },
    },
    ...notModified,
    ...badQuery,
  },
});

export const getLatest = createRoute({
  method: 'get',
  path: '/v1/datasets/{id}',
  tags: ['datasets'],
  summary: 'The latest version of a dataset, with its rows',
  request: { params: z.object({ id: DatasetIdParam }), query: RowsQuery },
  responses: {
    200: {
      description: 'The latest version (short max-age, stale-while-revalidate).',
      headers: cachingHeaders,
      content: rowsContent,
    },
    ...notModified,
    ...badQuery,
    ...unknown('dataset, or nothing published yet'),
  },
});

export const listVersions = createRoute({
  method: 'get',
  path: '/v1/datasets/{id}/versions',
  tags: ['versions'],
  summary: 'Version history, newest first (metadata only), a page at a time',
  request: { params: z.object({ id: DatasetIdParam }), query: VersionsQuery },
  responses: {
    200: {
      description: 'A page of the history; links.next (and Link: rel="next") leads to older versions.',
      headers: cachingHeaders,
      content: { 'application/json': { schema: VersionsSchema } },
    },
    ...notModified,
    ...badQuery,
    ...unknown('dataset'),
  },
});

export const getVersion = createRoute({
  method: 'get',
  path: '/v1/datasets/{id}/versions/{n}',
  tags: ['versions'],
  summary: 'One immutable version, with its rows',
  request: { params: z.object({ id: DatasetIdParam, n: VersionParam }), query: RowsQuery },
  responses: {
    200: { description: 'The version (cacheable forever).', headers: cachingHeaders, content: rowsContent },
    ...notModified,
    ...badQuery,
    ...unknown('dataset or version'),
    ...pastRetention,
  },
});

export const getSchema = createRoute({
  method: 'get',
  middleware: [noQuery] as const,
  path: '/v1/datasets/{id}/schema',
  tags: ['datasets'],
  summary: 'JSON Schema (2020-12) of one row',
  request: { params: z.object({ id: DatasetIdParam }) },
  responses: {
    200: {
      description: 'The row schema.',
      headers: cachingHeaders,
      content: { 'application/schema+json': { schema: z.record(z.string(), z.unknown()) } },
    },
    ...notModified,
    ...badQuery,
    ...unknown('dataset'),
  },
});

const ChangesSchema = z
  .object({
    dataset: z.string(),
    version: z.number().int(),
    previousVersion: z.number().int().nullable().openapi({ description: 'Null for version 1: all added.' }),
    key: z
      .array(z.string())
      .openapi({ description: "The dataset's key columns, which rows are matched by." }),
    counts: ChangeCountsSchema,
    complete: z.boolean().openapi({
      description: 'False when the diff was too large to store; then only the counts are given.',
    }),
    added: z.array(RowSchema).optional(),
    removed: z.array(RowSchema).optional(),
    changed: z.array(z.object({ key: RowSchema, before: RowSchema, after: RowSchema })).optional(),
  })
  .openapi('Changes');

export const getChanges = createRoute({
  method: 'get',
  middleware: [noQuery] as const,
  path: '/v1/datasets/{id}/versions/{n}/changes',
  tags: ['versions'],
  summary: 'Row-level diff of a version against the one before, by key',
  request: { params: z.object({ id: DatasetIdParam, n: VersionParam }) },
  responses: {
    200: {
      description: 'The diff (cacheable forever).',
      headers: cachingHeaders,
      content: { 'application/json': { schema: ChangesSchema } },
    },
    ...notModified,
    ...badQuery,
    ...unknown('dataset, version, or stored diff'),
    ...pastRetention,
  },
});

const dataPackageAnswer = {
  200: {
    description: 'The Data Package.',
    headers: cachingHeaders,
    content: {
      'application/json': {
        schema: z.record(z.string(), z.unknown()).openapi({
          description:
            'A Frictionless tabular Data Package (https://specs.frictionlessdata.io/data-package/): each resource is a CSV with a Table Schema.',
        }),
      },
    },
  },
};

export const getDataPackage = createRoute({
  method: 'get',
  middleware: [noQuery] as const,
  path: '/v1/datapackage.json',
  tags: ['datasets'],
  summary: 'The catalogue as a Frictionless Data Package: every published dataset, latest CSV',
  responses: {
    ...dataPackageAnswer,
    ...notModified,
    ...badQuery,
  },
});

export const getVersionDataPackage = createRoute({
  method: 'get',
  middleware: [noQuery] as const,
  path: '/v1/datasets/{id}/versions/{n}/datapackage.json',
  tags: ['versions'],
  summary: 'One version as a Frictionless Data Package, its CSV pinned to that version',
  request: { params: z.object({ id: DatasetIdParam, n: VersionParam }) },
  responses: {
    ...dataPackageAnswer,
    ...notModified,
    ...badQuery,
    ...unknown('dataset or version'),
    ...pastRetention,
  },
});
