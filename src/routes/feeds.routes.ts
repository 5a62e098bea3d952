import { createRoute, z } from '@hono/zod-openapi';
import { noQuery } from '../http/no-query.ts';
import { badQuery, cachingHeaders, notModified, unknown } from './datasets.routes.ts';
import { DatasetIdParam } from './schemas.ts';

const atom = {
  'application/atom+xml': { schema: z.string().openapi({ description: 'An Atom feed (RFC 4287).' }) },
};
const jsonFeed = {
  'application/feed+json': {
    schema: z.record(z.string(), z.unknown()).openapi({
      description:
        'A JSON Feed 1.1; each item also carries `_assay: { dataset, version, rowCount, changes, rolledBackFrom? }`.',
    }),
  },
};

const responses = (content: typeof atom | typeof jsonFeed) => ({
  200: {
    description: 'Newest first; each titled like "Production: version 4, 1 row changed".',
    headers: cachingHeaders,
    content,
  },
  ...notModified,
  ...badQuery,
});

const allFeed = (path: string, content: typeof atom | typeof jsonFeed, as: string) =>
  createRoute({
    method: 'get',
    middleware: [noQuery] as const,
    path,
    tags: ['feeds'],
    summary: `The latest 50 publishes of every dataset, as ${as}`,
    responses: responses(content),
  });

const datasetFeed = (path: string, content: typeof atom | typeof jsonFeed, as: string) =>
  createRoute({
    method: 'get',
    middleware: [noQuery] as const,
    path,
    tags: ['feeds'],
    summary: `The latest 50 publishes of one dataset, as ${as}`,
    request: { params: z.object({ id: DatasetIdParam }) },
    responses: { ...responses(content), ...unknown('dataset') },
  });

export const allFeedAtom = allFeed('/v1/feed.atom', atom, 'Atom');
export const allFeedJson = allFeed('/v1/feed.json', jsonFeed, 'a JSON Feed');
export const datasetFeedAtom = datasetFeed('/v1/datasets/{id}/feed.atom', atom, 'Atom');
export const datasetFeedJson = datasetFeed('/v1/datasets/{id}/feed.json', jsonFeed, 'a JSON Feed');
