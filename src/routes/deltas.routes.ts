import { createRoute, z } from '@hono/zod-openapi';
import { onlyQuery } from '../http/no-query.ts';
import { badQuery, cachingHeaders, notModified, unknown } from './datasets.routes.ts';
import { ChangeCountsSchema, DatasetIdParam, problemContent, RowSchema, wholeNumber } from './schemas.ts';

const versionNumber = (name: string, description: string) =>
  wholeNumber(name, 1, 999_999_999).openapi({
    type: 'integer',
    minimum: 1,
    maximum: 999_999_999,
    description,
  });

export const DeltaSchema = z
  .object({
    dataset: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    key: z
      .array(z.string())
      .openapi({ description: "The dataset's key columns, which rows are matched by." }),
    counts: ChangeCountsSchema,
    added: z.array(RowSchema).openapi({ description: 'Rows in `to` whose key was not in `from`.' }),
    removed: z.array(RowSchema).openapi({ description: 'Rows of `from` whose key is gone in `to`.' }),
    changed: z.array(z.object({ key: RowSchema, before: RowSchema, after: RowSchema })).openapi({
      description: 'Rows whose key is in both with other content: as in `from`, and as in `to`.',
    }),
  })
  .openapi('Delta');

export const getDelta = createRoute({
  method: 'get',
  middleware: [onlyQuery('from', 'to')] as const,
  path: '/v1/datasets/{id}/changes',
  tags: ['versions'],
  summary: 'The net row-level change from one version to another, by key',
  description:
    'Composed from the per-version diffs: a row added then removed is absent, a row changed twice shows ' +
    "the first `before` and the last `after`. Applied to version `from`'s rows it gives version `to`'s. " +
    'A 410 means the delta cannot be given (`from` past retention, or a diff too large to store): fetch ' +
    'the dataset whole instead.',
  request: {
    params: z.object({ id: DatasetIdParam }),
    query: z.object({
      from: versionNumber('from', 'The version the client holds.'),
      to: versionNumber(
        'to',
        'The version to reach (default: the latest). With it, the answer is immutable.',
      ).optional(),
    }),
  },
  responses: {
    200: {
      description: 'The delta (cacheable forever when `to` is given).',
      headers: cachingHeaders,
      content: { 'application/json': { schema: DeltaSchema } },
    },
    ...notModified,
    ...badQuery,
    ...unknown('dataset, or `to` past the latest version'),
    410: { description: 'No delta can be composed: fetch the dataset whole.', content: problemContent },
  },
});
