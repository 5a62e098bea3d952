import type { Context } from 'hono';
import { tabRef } from '../datasets/a1.ts';
import { clipped } from '../datasets/cell.ts';
import { tabCells } from '../datasets/grid-cells.ts';
import type { SheetProblem } from '../datasets/sheet-problem.ts';
import type { DatasetDefinition, Row } from '../datasets/types.ts';
import { type RowProblem, type RowsReport, rowValidator } from '../datasets/validate-rows.ts';
import { validateTab } from '../datasets/validate-tab.ts';
import type { AppEnv } from '../env.ts';
import { requireAdmin } from '../http/admin-auth.ts';
import { problem, problemDetails } from '../http/problem.ts';
import { purgePublished } from '../http/purge-published.ts';
import { rowsGone } from '../http/rows-gone.ts';
import { logEvent } from '../log-event.ts';
import { type PublishOptions, publishRequest } from '../publish/publish-request.ts';
import type { PublishResult, VersionRows } from '../publish/publisher.ts';
import { shrinkDetail } from '../publish/shrink-guard.ts';
import type { ChangeCounts } from '../store/records.ts';
import * as routes from './admin.routes.ts';
import { type AppRouteHandler, createRouter } from './create-router.ts';
import { datasetOr404 } from './datasets.ts';

/**
 * A 422 lists every problem, up to this many: enough to fix a sheet, small enough to send. Checking
 * stops there too (a million empty rows once took 18 s to refuse).
 */
const maxProblems = 10_000;

/** Rows checked between pauses, so a publish never holds this isolate's public reads for long. */
const rowsPerTurn = 2_000;

/** Lets whatever else this isolate has queued (another request, say) run before going on. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function checkRows(def: DatasetDefinition, input: readonly unknown[]): Promise<RowsReport> {
  const validator = rowValidator(def, maxProblems);
  for (let index = 0; index < input.length && !validator.capped; index++) {
    validator.check(input[index], index);
    if (index % rowsPerTurn === rowsPerTurn - 1) await nextTurn();
  }
  return validator.report();
}

type Outcome = PublishResult['outcome'] | 'invalid' | 'failed';

/** One line per publish attempt that reached the writer's checks: what a log search needs, never a token. */
interface PublishLog {
  dataset: string;
  by: string;
  /** Which token's scope it came with: `admin` or `publish`. */
  scope: string;
  rows: number;
  outcome: Outcome;
  version?: number;
  rolledBackFrom?: number;
  /** Sent as a tab's cells (POST …/sheet) rather than as rows. */
  sheet?: string;
  dryRun?: boolean;
}

function logEntry(
  c: Context<AppEnv>,
  dataset: string,
  rows: number,
  extra: Partial<PublishLog> = {},
): PublishLog {
  return { dataset, by: c.var.adminLabel, scope: c.var.tokenScope, rows, outcome: 'failed', ...extra };
}

async function logged<T>(entry: PublishLog, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    logEvent('publish', { ...entry, ms: Date.now() - started });
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `…: 3 problems in 2 rows; nothing was published.` with the cap said when it was reached. */
function problemsDetail(what: string, problems: readonly { row: number }[], each: string) {
  const rows = new Set(problems.map((p) => p.row)).size;
  const listed =
    problems.length >= maxProblems ? ` (checking stopped at the first ${maxProblems}, listed here)` : '';
  return `${what}: ${plural(problems.length, 'problem')} in ${plural(rows, 'row')}${listed}; nothing was published. ${each}`;
}

function invalid(entry: PublishLog, problems: RowProblem[], what: string) {
  entry.outcome = 'invalid';
  return problem(
    422,
    problemsDetail(
      what,
      problems,
      'Each problem names the row (its index in rows, from 0), the column and what to change.',
    ),
    { problems: problems.slice(0, maxProblems), problemCount: problems.length },
  );
}

/** A problem or warning of a tab as the /sheet answers list it: its cell named with the tab, `Production!C5`. */
function placed({ tab, cell, ...rest }: SheetProblem) {
  return { cell: `${tabRef(tab)}!${cell}`, ...rest };
}

function sheetInvalid(
  entry: PublishLog,
  problems: readonly SheetProblem[],
  warnings: ReturnType<typeof placed>[],
  what: string,
) {
  entry.outcome = 'invalid';
  return problem(
    422,
    problemsDetail(what, problems, 'Each problem names its cell and what to change there.'),
    { problems: problems.slice(0, maxProblems).map(placed), problemCount: problems.length, warnings },
  );
}

/**
 * The dataset's writer. Its RPC results are plain data, but the stub's generated types of a union
 * result do not narrow, so each call states the class's own result type, which the RPC result meets.
 */
const writerOf = (c: Context<AppEnv>, id: string) => c.env.DATASET_WRITER.getByName(id);

/** Storage failed, not the caller: 503, with how soon to try again. */
const storageFailed = (detail: string) => problem(503, detail, {}, { 'retry-after': '5' });

/** The writer's failures are storage failures (bad input never reaches it): 503, try again. */
async function callWriter<T>(dataset: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    logEvent('publish.failed', { dataset, message: String(error) }, 'error');
    throw storageFailed(
      `The writer of "${dataset}" failed on storage; the previous version is still served. Try again shortly.`,
    );
  }
}

/** Why the writer would not publish, as the 409's detail and members. */
function refusal(
  id: string,
  result: Extract<PublishResult, { outcome: 'stale' | 'shrink' }>,
  rolledBackFrom: number | undefined,
): [string, Record<string, number>] {
  if (result.outcome === 'shrink') {
    const { removing, of } = result.shrink;
    return [shrinkDetail(id, result.shrink, rolledBackFrom), { removing, rows: of }];
  }
  return [
    `baseVersion ${result.baseVersion} is not the current version of "${id}", which is ${result.version}. ` +
      `Fetch version ${result.version}, apply the edit to it and publish with "baseVersion": ${result.version}.`,
    { currentVersion: result.version },
  ];
}

const refuse = (...args: Parameters<typeof refusal>) => problem(409, ...refusal(...args));

type Answer =
  | { unchanged: true; version: number }
  | { version: number; changes: ChangeCounts; rolledBackFrom?: number };

/** 200 with nothing written, or 201 pointing at the new version. */
function respond(c: Context<AppEnv>, id: string, answer: Answer) {
  if ('unchanged' in answer) return c.json(answer, 200);
  return c.json(answer, 201, { location: `/v1/datasets/${id}/versions/${answer.version}` });
}

/** The writer's answer for rows already validated: publish them, or (dryRun) say what would change. */
async function toWriter(
  c: Context<AppEnv>,
  def: DatasetDefinition,
  rows: Row[],
  options: Omit<PublishOptions, 'retention' | 'publishedBy'>,
): Promise<PublishResult> {
  const request = await publishRequest(def, rows, {
    retention: c.var.config.retention,
    publishedBy: c.var.adminLabel,
    ...options,
  });
  return callWriter(def.id, async (): Promise<PublishResult> => writerOf(c, def.id).publish(request));
}

/** What a publish came to, for the caller: refusals thrown as 409s, the rest as the answer to send. */
async function published(
  c: Context<AppEnv>,
  id: string,
  entry: PublishLog,
  result: Exclude<PublishResult, { outcome: 'oversized' | 'checked' }>,
  rolledBackFrom?: number,
): Promise<Answer> {
  if (result.outcome === 'stale' || result.outcome === 'shrink') throw refuse(id, result, rolledBackFrom);
  entry.version = result.version;
  if (result.outcome === 'unchanged') return { unchanged: true, version: result.version };
  await purgePublished(c, id);
  return {
    version: result.version,
    changes: result.changes,
    ...(rolledBackFrom !== undefined && { rolledBackFrom }),
  };
}

const tooLong = (result: Extract<PublishResult, { outcome: 'oversized' }>) =>
  `this row is ${result.chars} characters of JSON; a row may have at most ${result.limit}`;

/**
 * The common end of a publish and a rollback: validate the rows with the app's dataset definition,
 * hand them to the writer, purge what it replaced, and log one line.
 */
async function validateAndPublish(
  c: Context<AppEnv>,
  def: DatasetDefinition,
  input: readonly unknown[],
  options: Omit<PublishOptions, 'retention' | 'publishedBy'>,
): Promise<Answer> {
  const { id } = def;
  const { rolledBackFrom } = options;
  const entry = logEntry(c, id, input.length, rolledBackFrom !== undefined ? { rolledBackFrom } : {});
  return logged(entry, async () => {
    const checked = await checkRows(def, input);
    if (checked.problems.length > 0) {
      const what =
        rolledBackFrom === undefined
          ? `The rows sent for "${id}" do not meet its schema`
          : `The rows of version ${rolledBackFrom} no longer meet the schema of "${id}"`;
      throw invalid(entry, checked.problems, what);
    }
    const result = await toWriter(c, def, checked.rows, options);
    entry.outcome = result.outcome;
    if (result.outcome === 'oversized')
      throw invalid(
        entry,
        [{ row: result.row, column: null, message: tooLong(result), value: null }],
        `A row of "${id}" is too large`,
      );
    if (result.outcome === 'checked') throw new Error('a publish came back as a dry run');
    return published(c, id, entry, result, rolledBackFrom);
  });
}

/** Publishing past the shrink guard takes rows from readers at once: an admin's call. */
function forceNeedsAdmin(c: Context<AppEnv>, force: boolean | undefined) {
  if (force)
    requireAdmin(
      c,
      'Publishing past the shrink guard ("force": true)',
      'Check the tab; if the rows should go, ask someone with an admin token to publish anyway.',
    );
}

export const publishDataset: AppRouteHandler<typeof routes.publishDataset> = async (c) => {
  const { id } = c.req.valid('param');
  const { rows, source, baseVersion, force } = c.req.valid('json');
  forceNeedsAdmin(c, force);
  return respond(
    c,
    id,
    await validateAndPublish(c, datasetOr404(c, id), rows, { source, baseVersion, force }),
  );
};

/**
 * A tab sent as its cells: read and validated as the sync reads a tab (one implementation), every
 * problem at its cell; then published, or with `dryRun` compared with the current version only.
 */
export const publishSheet: AppRouteHandler<typeof routes.publishSheet> = async (c) => {
  const { id } = c.req.valid('param');
  const { sheet, dryRun = false, baseVersion, force, source } = c.req.valid('json');
  const def = datasetOr404(c, id);
  forceNeedsAdmin(c, force);
  const title = sheet.title;
  const entry = logEntry(c, id, sheet.rowData.length, { sheet: clipped(title), dryRun });
  return logged(entry, async () => {
    const report = validateTab(def, tabCells([{ rowData: sheet.rowData }]), { tab: title });
    const warnings = report.warnings.map(placed);
    if (report.problems.length > 0)
      throw sheetInvalid(entry, report.problems, warnings, `The tab "${clipped(title)}" cannot be published`);
    const rowCount = report.rows.length;
    entry.rows = rowCount;
    const result = await toWriter(c, def, report.rows, {
      source: source ?? { kind: 'sheet', tab: title },
      baseVersion,
      force,
      dryRun,
    });
    entry.outcome = result.outcome;
    if (result.outcome === 'oversized') {
      // Every data row passed, so none was blank: rows[i] is sheet row i + 2.
      const row = result.row + 2;
      const tooBig = {
        tab: title,
        cell: `${row}:${row}`,
        row,
        column: null,
        message: tooLong(result),
        value: null,
      };
      throw sheetInvalid(entry, [tooBig], warnings, `A row of the tab "${clipped(title)}" is too large`);
    }
    if (result.outcome === 'checked') {
      const { version, changes } = result;
      const refused = result.refusal && problemDetails(409, ...refusal(id, result.refusal, undefined));
      return c.json(
        {
          valid: true as const,
          version,
          rowCount,
          changes,
          unchanged: false,
          warnings,
          ...(refused && { refusal: refused }),
        },
        200,
      );
    }
    if (dryRun && result.outcome === 'unchanged') {
      const changes = { added: 0, removed: 0, changed: 0 };
      return c.json(
        { valid: true as const, version: result.version, rowCount, changes, unchanged: true, warnings },
        200,
      );
    }
    const answer = await published(c, id, entry, result);
    if ('unchanged' in answer) return c.json({ ...answer, rowCount, warnings }, 200);
    return c.json({ ...answer, rowCount, warnings }, 201, {
      location: `/v1/datasets/${id}/versions/${answer.version}`,
    });
  });
};

export const rollbackDataset: AppRouteHandler<typeof routes.rollbackDataset> = async (c) => {
  const { id } = c.req.valid('param');
  const { version, force } = c.req.valid('json');
  const def = datasetOr404(c, id);
  const found = await callWriter(id, async (): Promise<VersionRows> => writerOf(c, id).versionRows(version));
  if (found.status === 'missing') {
    throw problem(
      404,
      found.latest === 0
        ? `Dataset "${id}" has no published version to roll back to.`
        : `Dataset "${id}" has no version ${version}; the latest is ${found.latest}.`,
    );
  }
  if (found.status === 'pruned')
    throw rowsGone({ dataset: id, version }, `roll back to version ${found.retainedFrom} or later.`);
  if (found.status === 'unreadable')
    throw storageFailed(
      `The rows of version ${version} of "${id}" could not be read from storage; nothing was published. Try again shortly.`,
    );
  return respond(c, id, await validateAndPublish(c, def, found.rows, { force, rolledBackFrom: version }));
};

export const adminRoutes = createRouter();

adminRoutes.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
  type: 'http',
  scheme: 'bearer',
  description:
    'A token from the ADMIN_TOKEN secret (`label:token` pairs; send only the token): every admin right.',
});

adminRoutes.openAPIRegistry.registerComponent('securitySchemes', 'publishToken', {
  type: 'http',
  scheme: 'bearer',
  description:
    'A token from the PUBLISH_TOKEN secret (same format): may publish (PUT, POST …/sheet, dry runs), but a publish with "force": true or a rollback is 403.',
});

adminRoutes.use('/admin/*', async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
});

adminRoutes
  .openapi(routes.publishDataset, publishDataset)
  .openapi(routes.publishSheet, publishSheet)
  .openapi(routes.rollbackDataset, rollbackDataset);
