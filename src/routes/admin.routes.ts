import { createRoute, z } from '@hono/zod-openapi';
import { RowDataSchema } from '../datasets/grid-cells.ts';
import { adminAuth, adminOnly } from '../http/admin-auth.ts';
import { configuredBodyLimit, jsonBody } from '../http/json-body.ts';
import { noQuery } from '../http/no-query.ts';
import { publishNdjson } from './admin-ndjson.ts';
import {
  baseVersionMember,
  bodyError,
  forceDescription,
  forceMember,
  publishOptionMembers,
  Source,
  wholeNumber,
} from './publish-options.ts';
import { ChangeCountsSchema, DatasetIdParam, ProblemSchema, problemContent } from './schemas.ts';

const PublishBody = z
  .strictObject(
    {
      rows: z.array(z.unknown(), { error: 'rows must be an array of row objects.' }).openapi({
        description:
          'Every row of the dataset, as objects keyed by field id. The rows a GET serves are valid input.',
        items: { type: 'object' },
      }),
      ...publishOptionMembers,
    },
    { error: bodyError('rows, source, baseVersion, force') },
  )
  .openapi('PublishRequest');

/** Sheets caps a tab's name at 100 characters; a little more is allowed, clipped in messages. */
const maxTitleLength = 200;

const SheetGrid = z
  .strictObject(
    {
      title: z
        .string({ error: 'sheet.title must be the tab\'s name, like "Production".' })
        .min(1, { error: 'sheet.title must be the tab\'s name, like "Production".' })
        .max(maxTitleLength, { error: `sheet.title must be at most ${maxTitleLength} characters.` })
        .openapi({ description: "The tab's name, used in every cell reference (`Production!C5`)." }),
      rowData: z
        .array(RowDataSchema, {
          error: 'sheet.rowData must be an array of rows, as the Sheets API v4 GridData.rowData.',
        })
        .openapi({
          description:
            'The tab from A1, as the Sheets API v4 `GridData.rowData`: the first row holds the headers; empty rows and trailing empty cells may be left out.',
        }),
    },
    { error: bodyError('title, rowData') },
  )
  .openapi('SheetGrid');

const SheetBody = z
  .strictObject(
    {
      sheet: SheetGrid,
      dryRun: z
        .boolean({ error: 'dryRun must be true or false.' })
        .optional()
        .openapi({ description: 'Check the tab and say what a publish would change, publishing nothing.' }),
      baseVersion: baseVersionMember.optional(),
      force: forceMember.openapi({ description: forceDescription }),
      source: Source.optional(),
    },
    { error: bodyError('sheet, dryRun, baseVersion, force, source') },
  )
  .openapi('SheetPublishRequest');

const RollbackBody = z
  .strictObject(
    {
      version: wholeNumber('version', 1, 'the version whose rows to publish again').openapi({
        description: 'The version whose rows to publish again.',
      }),
      force: forceMember.openapi({ description: 'As for a publish: pass the shrink guard.' }),
    },
    { error: bodyError('version, force') },
  )
  .openapi('RollbackRequest');

const Unchanged = z
  .object({ unchanged: z.literal(true), version: z.number().int() })
  .openapi('PublishUnchanged');

const rowCount = z.number().int().openapi({ description: 'Rows in the version.' });

const keyValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const Published = z
  .object({
    version: z.number().int(),
    changes: ChangeCountsSchema,
    rolledBackFrom: z.number().int().optional(),
    renamed: z
      .array(
        z.object({
          row: z.number().int().openapi({ description: 'The new row, as an index into `rows` from 0.' }),
          before: keyValues.openapi({ description: "The removed row's key, by key column." }),
          after: keyValues.openapi({ description: "The new row's key, by key column." }),
        }),
      )
      .optional()
      .openapi({
        description:
          "Added rows whose key looks like a removed row's key edited (same place, or nearly the same spelling): each counts as one row removed and one added. At most 20; absent when none.",
      }),
  })
  .openapi('Published');

const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const SheetProblemSchema = z
  .object({
    cell: z.string().openapi({
      description:
        'Where to look, in A1 form with the tab: a cell (`Production!C5`), or a whole row (`Production!4:4`) for a problem of the row.',
      example: 'Production!C5',
    }),
    row: z.number().int().openapi({ description: 'The sheet row, from 1 (the header row).' }),
    column: z
      .string()
      .nullable()
      .openapi({ description: "The column's header as written in the tab; null for a whole row." }),
    field: z
      .string()
      .optional()
      .openapi({ description: 'The field id the column feeds, when it feeds one.' }),
    message: z.string().openapi({ description: 'What is wrong and what to write instead.' }),
    value: cellValue.openapi({ description: 'What the cell holds (long text cut short).' }),
  })
  .openapi('SheetProblem');

const warningsMember = z.array(SheetProblemSchema).openapi({
  description:
    'Cells the tab is published with but an editor may want to look at (an unknown column, a bare 0.7 in a percent column…).',
});

const SheetPublished = Published.omit({ rolledBackFrom: true, renamed: true })
  .extend({ rowCount, warnings: warningsMember })
  .openapi('SheetPublished');

const SheetUnchanged = Unchanged.extend({ rowCount, warnings: warningsMember }).openapi('SheetUnchanged');

const SheetChecked = z
  .object({
    valid: z.literal(true),
    version: z
      .number()
      .int()
      .openapi({ description: 'The current version the changes are counted against (0: none yet).' }),
    rowCount: z.number().int().openapi({ description: 'Rows a publish would make the version.' }),
    changes: ChangeCountsSchema,
    unchanged: z.boolean().openapi({ description: 'True when the rows equal the current version.' }),
    warnings: warningsMember,
    refusal: ProblemSchema.extend({
      status: z.literal(409),
      currentVersion: z.number().int().optional(),
      removing: z.number().int().optional(),
      rows: z.number().int().optional(),
      allowed: z.number().optional(),
    })
      .optional()
      .openapi({
        description:
          'When a publish of these rows would be refused (a stale baseVersion, the shrink guard): the 409 it would answer.',
      }),
  })
  .openapi('SheetChecked');

const SheetProblems = ProblemSchema.extend({
  problems: z.array(SheetProblemSchema).openapi({ description: 'Every problem, in sheet order.' }),
  problemCount: z.number().int().openapi({
    description:
      'Problems found, all listed in `problems` unless more than 10,000 (checking stops at 10,000).',
  }),
  warnings: warningsMember,
}).openapi('SheetProblems');

const RowProblems = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    problems: z.array(
      z.object({
        row: z.number().int().openapi({ description: 'Index into `rows`, from 0.' }),
        column: z.string().nullable(),
        message: z.string(),
        value: z.union([z.string(), z.number(), z.boolean(), z.null()]).openapi({
          description:
            'The value at fault when it is a single value (long text cut short); null for an object or array.',
        }),
      }),
    ),
    problemCount: z.number().int().openapi({
      description:
        'Problems found, all listed in `problems`; checking stops at 10,000, so 10,000 means at least.',
    }),
  })
  .openapi('RowProblems');

const Conflict = ProblemSchema.extend({
  currentVersion: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'When baseVersion is stale: the version to edit from instead.' }),
  removing: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'When the shrink guard refuses: how many rows would go…' }),
  rows: z.number().int().optional().openapi({ description: '…of how many rows the dataset has now…' }),
  allowed: z.number().optional().openapi({
    description:
      "…and the dataset's limit: the largest share of its rows one publish may remove (0.5 is 50%).",
  }),
}).openapi('Conflict');

const conflict = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Conflict } },
});

const problem = (description: string) => ({ description, content: problemContent });

const common = {
  400: problem('The body is not valid JSON, or not of this shape.'),
  401: problem('No admin or publish token, or not a valid one.'),
  404: problem('No such dataset.'),
  413: problem(
    'The body is larger than MAX_BODY_BYTES; for NDJSON, more rows than MAX_PUBLISH_ROWS or a line too long.',
  ),
  415: problem('The body is not application/json (or, for a publish, application/x-ndjson).'),
  422: {
    description: 'Rows that do not meet the dataset schema: every problem, not only the first.',
    content: { 'application/problem+json': { schema: RowProblems } },
  },
  503: problem('Storage failed part way; the previous version is still served. Try again.'),
};

const written = {
  200: {
    description: 'The rows equal the current version; nothing was written.',
    content: { 'application/json': { schema: Unchanged } },
  },
  201: {
    description: 'A new version is live; its row-level diff is at /v1/datasets/{id}/versions/{n}/changes.',
    content: { 'application/json': { schema: Published } },
  },
};

/** Either secret's tokens may publish; `force` and rollbacks need ADMIN_TOKEN's (else 403). */
const publishSecurity: Record<string, string[]>[] = [{ adminToken: [] }, { publishToken: [] }];
const adminSecurity: Record<string, string[]>[] = [{ adminToken: [] }];

const forbidden = (what: string) =>
  problem(`A publish token (PUBLISH_TOKEN) asked to ${what}: that needs an admin token.`);

/**
 * On the routes themselves rather than on `/admin/*`, so they run only once the method and path
 * match: a wrong method is a 405 naming the right one, not a 401 or a 415 about a body it never needed.
 * Options go in the body; a query (`?force=true`) is refused rather than silently ignored.
 */
const middleware = [adminAuth(), noQuery, configuredBodyLimit, jsonBody];

/** A publish in NDJSON is taken by its own handler before the whole-body checks, which it never needs. */
const publishMiddleware = [adminAuth(), noQuery, publishNdjson, configuredBodyLimit, jsonBody];

/** A rollback is refused to a publish token before its body is read. */
const adminMiddleware = [
  adminAuth(),
  adminOnly(
    'Rolling back',
    'Ask someone with an admin token to roll back, or publish the rows as they should be.',
  ),
  noQuery,
  configuredBodyLimit,
  jsonBody,
];

export const publishDataset = createRoute({
  method: 'put',
  path: '/admin/v1/datasets/{id}',
  tags: ['admin'],
  summary: 'Publish every row of a dataset as a new version',
  security: publishSecurity,
  middleware: publishMiddleware,
  request: {
    params: z.object({ id: DatasetIdParam }),
    body: {
      required: true,
      content: {
        'application/json': { schema: PublishBody },
        'application/x-ndjson': {
          schema: z.string().openapi({
            description:
              'For large datasets: line 1 the options ({"source", "baseVersion", "force"}, or {}), then one row object per line. ' +
              'Read as it arrives, up to MAX_PUBLISH_ROWS rows; MAX_BODY_BYTES does not apply.',
          }),
        },
      },
    },
  },
  responses: {
    ...written,
    ...common,
    403: forbidden('force past the shrink guard'),
    409: conflict(
      'baseVersion is not the current version, or more rows would go than the shrink guard allows.',
    ),
  },
});

export const publishSheet = createRoute({
  method: 'post',
  path: '/admin/v1/datasets/{id}/sheet',
  tags: ['admin'],
  summary: 'Check or publish a tab sent as its cells (Sheets API v4 GridData.rowData)',
  description:
    'The cells are read, coerced and validated exactly as the sync reads a tab through the Sheets API, and every problem and warning names its cell (`Production!C5`). With `dryRun` nothing is published: the answer says what a publish would change.',
  security: publishSecurity,
  middleware,
  request: {
    params: z.object({ id: DatasetIdParam }),
    body: { required: true, content: { 'application/json': { schema: SheetBody } } },
  },
  responses: {
    ...common,
    200: {
      description:
        'A dry run: the tab is valid, and this is what a publish would change. Or, not a dry run: the rows equal the current version; nothing was written.',
      content: { 'application/json': { schema: z.union([SheetChecked, SheetUnchanged]) } },
    },
    201: {
      description: 'A new version is live; its row-level diff is at /v1/datasets/{id}/versions/{n}/changes.',
      content: { 'application/json': { schema: SheetPublished } },
    },
    403: forbidden('force past the shrink guard'),
    409: conflict(
      'Not a dry run: baseVersion is not the current version, or more rows would go than the shrink guard allows.',
    ),
    422: {
      description: 'The tab has problems: every one, each at its cell; nothing was published.',
      content: { 'application/problem+json': { schema: SheetProblems } },
    },
  },
});

export const rollbackDataset = createRoute({
  method: 'post',
  path: '/admin/v1/datasets/{id}/rollback',
  tags: ['admin'],
  summary: "Publish an earlier version's rows again, as a new version",
  security: adminSecurity,
  middleware: adminMiddleware,
  request: {
    params: z.object({ id: DatasetIdParam }),
    body: { required: true, content: { 'application/json': { schema: RollbackBody } } },
  },
  responses: {
    ...written,
    ...common,
    403: forbidden('roll back'),
    404: problem('No such dataset or version.'),
    409: conflict('More rows would go than the shrink guard allows.'),
    410: problem("The version's rows are past retention."),
  },
});
