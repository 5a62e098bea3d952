import { z } from '@hono/zod-openapi';
import { clipped } from '../datasets/cell.ts';
import { facetLimit } from '../query/facets.ts';
import { formats } from '../query/read-query.ts';
import { maxSearchLength } from '../query/search.ts';
import { versionsPerHistoryPage } from '../store/history-pages.ts';
import { datasetIdPattern } from '../store/keys.ts';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().openapi({ description: 'What went wrong and what to change.' }),
    parameter: z.string().optional().openapi({ description: 'The query parameter at fault, for a 400.' }),
    pointer: z
      .string()
      .optional()
      .openapi({ description: 'The body member at fault (a JSON Pointer), for an admin 400.' }),
  })
  .openapi('Problem');

export const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

export const DatasetIdParam = z
  .string()
  .max(64, 'Dataset ids are at most 64 characters: lowercase words joined by hyphens, like "production".')
  .regex(datasetIdPattern, 'Dataset ids are lowercase words joined by hyphens, like "production".')
  .openapi({
    param: { name: 'id', in: 'path' },
    example: 'production',
    description: 'The dataset id, as listed in the catalogue (lowercase, hyphenated).',
  });

export const VersionParam = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'A version is a whole number from 1 to 999999999, like /versions/3.')
  .transform(Number)
  .openapi({
    param: { name: 'n', in: 'path' },
    type: 'integer',
    minimum: 1,
    maximum: 999_999_999,
    examples: [1],
    description: 'The version number, from 1.',
  });

export const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,9}$/, `${name} must be a whole number from ${min} to ${max}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be a whole number from ${min} to ${max}.`);

/**
 * One of a parameter's listed values, in any case (`format=CSV`), as filters take a column's listed
 * values: the value passed on is the listed spelling.
 */
const listedValue = <const T extends string>(name: string, values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((given, ctx) => {
      const value = values.find((v) => v === given.toLowerCase());
      if (value !== undefined) return value;
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}; got ${JSON.stringify(clipped(given))}.`,
      });
      return z.NEVER;
    })
    .openapi({ type: 'string', enum: [...values] });

const maxLimit = 10_000;

const operand = (description: string) => z.string().optional().openapi({ description });

/** The operators of `filter[column][op]`, each declared with what it takes. */
const FilterOperators = z
  .object({
    eq: operand('Equals, typed like the column (the same as filter[column]=value).'),
    ne: operand('Differs from (empty cells included); empty value: cells that are not empty.'),
    lt: operand('Less than: numbers, years, percentages, dates (YYYY-MM-DD). Empty cells never match.'),
    lte: operand('Less than or equal: numbers and dates.'),
    gt: operand('Greater than: numbers and dates.'),
    gte: operand('Greater than or equal: numbers and dates.'),
    in: operand('One of a comma-separated list, each typed like the column (an empty item: empty cells).'),
    contains: operand('Text columns: contains this text, case and accents aside.'),
    startswith: operand('Text columns: starts with this text, case and accents aside.'),
    empty: operand('true: empty cells only; false: cells with a value.'),
  })
  .openapi('FilterOperators');

export const RowsQuery = z.object({
  limit: wholeNumber('limit', 1, maxLimit)
    .optional()
    .openapi({
      type: 'integer',
      minimum: 1,
      maximum: maxLimit,
      description: `Rows per page (1–${maxLimit}). With it the response is one page and links.next leads on; without it, every row.`,
    }),
  offset: wholeNumber('offset', 0, 999_999_999).optional().openapi({
    type: 'integer',
    minimum: 0,
    maximum: 999_999_999,
    description: 'Rows to skip before the page starts (default 0).',
  }),
  fields: z
    .string()
    .optional()
    .openapi({ description: 'Columns to include, comma-separated, in that order.' }),
  sort: z.string().optional().openapi({ description: 'A column to sort by; prefix with - for descending.' }),
  format: listedValue('format', formats).optional().openapi({
    description:
      'json (default), csv (RFC 4180, header row) or ndjson (one row per line). `Accept: text/csv` or `Accept: application/x-ndjson` also selects them.',
  }),
  q: z
    .string()
    .optional()
    .openapi({
      description: `Search: rows whose text cells contain every word, case and accents aside; "quoted phrases" stay together (at most ${maxSearchLength} characters). With it the envelope has matchCount.`,
      example: 'magnet "rare earth"',
    }),
  facet: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({
      param: { style: 'form', explode: true },
      description: `Count the matching rows per value of a column (repeatable, or comma-separated): columns of listed values, true/false, years or short text. JSON only: facets: { column: [{ value, count }] }, most frequent first, at most ${facetLimit} per column; facetsMore says how many values were left out.`,
    }),
  filter: z
    .record(z.string(), z.union([z.string(), FilterOperators]), {
      error: 'filter names a column in brackets: filter[column]=value or filter[column][op]=value.',
    })
    .optional()
    .openapi({
      param: { style: 'deepObject', explode: true },
      description:
        'filter[column]=value keeps rows whose column equals value (empty value: empty cells); filter[column][op]=value applies an operator. Several filters all apply (AND). A wrong operator for the column, or a value the column cannot hold, is a 400.',
    }),
});

const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const RowSchema = z.record(z.string(), CellSchema);

const LinksSchema = z.record(z.string(), z.string()).openapi({
  description:
    "Relative links: self (this version's permanent URL, without the query), latest, versions, schema, and next for a page with more rows (this version, same query).",
});

export const DatasetVersionSchema = z
  .object({
    dataset: z.string(),
    version: z.number().int(),
    publishedAt: z.string().openapi({ format: 'date-time' }),
    rowCount: z
      .number()
      .int()
      .openapi({ description: 'Rows in this version, before any filter, offset or limit.' }),
    limit: z.number().int().optional(),
    offset: z.number().int().optional(),
    links: LinksSchema,
    data: z.array(RowSchema),
  })
  .openapi('DatasetVersion');

export const CatalogueSchema = z
  .object({
    datasets: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        description: z.string(),
        version: z.number().int().nullable(),
        updatedAt: z.string().nullable(),
        rowCount: z.number().int().nullable(),
        links: z.record(z.string(), z.string()).openapi({
          description: 'Relative links: self (the latest version), csv, versions, schema.',
        }),
      }),
    ),
  })
  .openapi('Catalogue');

/** Rows added, removed and changed by a version: in a publish's answer and in its stored diff. */
export const ChangeCountsSchema = z
  .object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() })
  .openapi('ChangeCounts');

const VersionSummarySchema = z
  .object({
    dataset: z.string(),
    version: z.number().int(),
    publishedAt: z.string(),
    rowCount: z.number().int(),
    contentHash: z.string(),
    schemaHash: z.string(),
    publishedBy: z.string().optional(),
    source: z.record(z.string(), z.unknown()).optional(),
    rolledBackFrom: z.number().int().optional(),
    changes: ChangeCountsSchema.optional(),
    rowsRetained: z.boolean(),
  })
  .openapi('VersionSummary');

export const VersionsSchema = z
  .object({
    dataset: z.string(),
    versions: z.array(VersionSummarySchema),
    links: z.object({ next: z.string().optional() }).openapi({
      description: 'next: the page of older versions, when there are any (also sent as Link: rel="next").',
    }),
  })
  .openapi('VersionHistory');

export const VersionsQuery = z.strictObject(
  {
    limit: wholeNumber('limit', 1, versionsPerHistoryPage)
      .optional()
      .openapi({
        type: 'integer',
        minimum: 1,
        maximum: versionsPerHistoryPage,
        description: `Versions per page (1–${versionsPerHistoryPage}, default ${versionsPerHistoryPage}).`,
      }),
    before: wholeNumber('before', 1, 999_999_999).optional().openapi({
      type: 'integer',
      minimum: 1,
      description: 'The cursor links.next carries: list the versions older than this one.',
    }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown query parameter "${clipped(issue.keys[0] ?? '')}". Use limit or before.`
        : undefined,
  },
);
