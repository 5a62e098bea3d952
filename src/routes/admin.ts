import type { Context } from 'hono';
import type { DatasetDefinition } from '../datasets/types.ts';
import { type RowProblem, type RowsReport, rowValidator } from '../datasets/validate-rows.ts';
import type { AppEnv } from '../env.ts';
import { problem } from '../http/problem.ts';
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
  rows: number;
  outcome: Outcome;
  version?: number;
  rolledBackFrom?: number;
}

async function logged<T>(entry: PublishLog, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    logEvent('publish', { ...entry, ms: Date.now() - started });
  }
}

function invalid(entry: PublishLog, problems: RowProblem[], what: string) {
  entry.outcome = 'invalid';
  const rows = new Set(problems.map((p) => p.row)).size;
  const listed =
    problems.length >= maxProblems ? ` (checking stopped at the first ${maxProblems}, listed here)` : '';
  return problem(
    422,
    `${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${rows} row${rows === 1 ? '' : 's'}${listed}; ` +
      'nothing was published. Each problem names the row (its index in rows, from 0), the column and what to change.',
    { problems: problems.slice(0, maxProblems), problemCount: problems.length },
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

function refuse(
  id: string,
  result: Extract<PublishResult, { outcome: 'stale' | 'shrink' }>,
  rolledBackFrom: number | undefined,
) {
  if (result.outcome === 'shrink') {
    const { removing, of } = result.shrink;
    return problem(409, shrinkDetail(id, result.shrink, rolledBackFrom), { removing, rows: of });
  }
  return problem(
    409,
    `baseVersion ${result.baseVersion} is not the current version of "${id}", which is ${result.version}. ` +
      `Fetch version ${result.version}, apply the edit to it and publish with "baseVersion": ${result.version}.`,
    { currentVersion: result.version },
  );
}

type Answer =
  | { unchanged: true; version: number }
  | { version: number; changes: ChangeCounts; rolledBackFrom?: number };

/** 200 with nothing written, or 201 pointing at the new version. */
function respond(c: Context<AppEnv>, id: string, answer: Answer) {
  if ('unchanged' in answer) return c.json(answer, 200);
  return c.json(answer, 201, { location: `/v1/datasets/${id}/versions/${answer.version}` });
}

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
  const entry: PublishLog = {
    dataset: id,
    by: c.var.adminLabel,
    rows: input.length,
    outcome: 'failed',
    ...(rolledBackFrom !== undefined && { rolledBackFrom }),
  };
  return logged(entry, async () => {
    const checked = await checkRows(def, input);
    if (checked.problems.length > 0) {
      const what =
        rolledBackFrom === undefined
          ? `The rows sent for "${id}" do not meet its schema`
          : `The rows of version ${rolledBackFrom} no longer meet the schema of "${id}"`;
      throw invalid(entry, checked.problems, what);
    }
    const request = await publishRequest(def, checked.rows, {
      retention: c.var.config.retention,
      publishedBy: c.var.adminLabel,
      ...options,
    });
    const result = await callWriter(id, async (): Promise<PublishResult> => writerOf(c, id).publish(request));
    entry.outcome = result.outcome;
    if (result.outcome === 'oversized') {
      const message = `this row is ${result.chars} characters of JSON; a row may have at most ${result.limit}`;
      throw invalid(
        entry,
        [{ row: result.row, column: null, message, value: null }],
        `A row of "${id}" is too large`,
      );
    }
    if (result.outcome === 'stale' || result.outcome === 'shrink') throw refuse(id, result, rolledBackFrom);
    entry.version = result.version;
    if (result.outcome === 'unchanged') return { unchanged: true, version: result.version };
    await purgePublished(c, id);
    return {
      version: result.version,
      changes: result.changes,
      ...(rolledBackFrom !== undefined && { rolledBackFrom }),
    };
  });
}

export const publishDataset: AppRouteHandler<typeof routes.publishDataset> = async (c) => {
  const { id } = c.req.valid('param');
  const { rows, source, baseVersion, force } = c.req.valid('json');
  return respond(
    c,
    id,
    await validateAndPublish(c, datasetOr404(c, id), rows, { source, baseVersion, force }),
  );
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
  description: 'A token from the ADMIN_TOKEN secret (`label:token` pairs; send only the token).',
});

adminRoutes.use('/admin/*', async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
});

adminRoutes.openapi(routes.publishDataset, publishDataset).openapi(routes.rollbackDataset, rollbackDataset);
