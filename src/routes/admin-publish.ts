import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { TabCells } from '../datasets/grid-cells.ts';
import type { DatasetDefinition, Row } from '../datasets/types.ts';
import {
  duplicateKeyProblem,
  type RowProblem,
  type RowsReport,
  rowChecker,
  rowValidator,
} from '../datasets/validate-rows.ts';
import { type TabReport, tabValidation } from '../datasets/validate-tab.ts';
import type { AppEnv } from '../env.ts';
import { requireAdmin } from '../http/admin-auth.ts';
import { problem } from '../http/problem.ts';
import { purgePublished } from '../http/purge-published.ts';
import { logEvent } from '../log-event.ts';
import { type RowSender, rowSender } from '../publish/keyed-line-stream.ts';
import { type PublishOptions, publishRequest } from '../publish/publish-request.ts';
import type { PublishResult } from '../publish/publisher.ts';
import type { RenamedKey } from '../publish/renamed-keys.ts';
import { shrinkDetail } from '../publish/shrink-guard.ts';
import { nextTurn, stepped } from '../stepped.ts';
import { splitRows } from '../store/pages.ts';
import type { DatasetReader } from '../store/reader.ts';
import type { ChangeCounts, VersionMeta } from '../store/records.ts';

/**
 * A 422 lists every problem, up to this many: enough to fix a sheet, small enough to send. Checking
 * stops there too (a million empty rows once took 18 s to refuse).
 */
export const maxProblems = 10_000;

/** Rows checked between pauses, so a publish never holds this isolate's public reads for long. */
const rowsPerTurn = 2_000;

/** A tab's cells checked as the sync checks them, pausing between steps and stopping at `maxProblems`. */
export const checkTab = (def: DatasetDefinition, cells: TabCells, tab: string): Promise<TabReport> =>
  stepped(tabValidation(def, cells, { tab, maxProblems }));

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
export interface PublishLog {
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

export function logEntry(
  c: Context<AppEnv>,
  dataset: string,
  rows: number,
  extra: Partial<PublishLog> = {},
): PublishLog {
  return { dataset, by: c.var.adminLabel, scope: c.var.tokenScope, rows, outcome: 'failed', ...extra };
}

export async function logged<T>(entry: PublishLog, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    logEvent('publish', { ...entry, ms: Date.now() - started });
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `…: 3 problems in 2 rows; nothing was published.` with the cap said when it was reached. */
export function problemsDetail(what: string, problems: readonly { row: number }[], each: string) {
  const rows = new Set(problems.map((p) => p.row)).size;
  const listed =
    problems.length >= maxProblems ? ` (checking stopped at the first ${maxProblems}, listed here)` : '';
  return `${what}: ${plural(problems.length, 'problem')} in ${plural(rows, 'row')}${listed}; nothing was published. ${each}`;
}

export function invalid(entry: PublishLog, problems: RowProblem[], what: string) {
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

/** What a 422 says first when rows sent for a publish miss the schema. */
export const rowsMissSchema = (id: string) => `The rows sent for "${id}" do not meet its schema`;

/**
 * The dataset's writer. Its RPC results are plain data, but the stub's generated types of a union
 * result do not narrow, so each call states the class's own result type, which the RPC result meets.
 */
export const writerOf = (c: Context<AppEnv>, id: string) => c.env.DATASET_WRITER.getByName(id);

/** Storage failed, not the caller: 503, with how soon to try again. */
export const storageFailed = (detail: string) => problem(503, detail, {}, { 'retry-after': '5' });

/** The writer's failures are storage failures (bad input never reaches it): 503, try again. */
export async function callWriter<T>(dataset: string, call: () => Promise<T>): Promise<T> {
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
export function refusal(
  id: string,
  result: Extract<PublishResult, { outcome: 'stale' | 'shrink' }>,
  rolledBackFrom: number | undefined,
): [string, Record<string, number>] {
  if (result.outcome === 'shrink') {
    const { removing, of, allowed } = result.shrink;
    return [shrinkDetail(id, result.shrink, rolledBackFrom), { removing, rows: of, allowed }];
  }
  return [
    `baseVersion ${result.baseVersion} is not the current version of "${id}", which is ${result.version}. ` +
      `Fetch version ${result.version}, apply the edit to it and publish with "baseVersion": ${result.version}.`,
    { currentVersion: result.version },
  ];
}

const refuse = (...args: Parameters<typeof refusal>) => problem(409, ...refusal(...args));

export type Answer =
  | { unchanged: true; version: number }
  | { version: number; changes: ChangeCounts; rolledBackFrom?: number; renamed?: RenamedKey[] };

/** 200 with nothing written, or 201 pointing at the new version. */
export function respond(c: Context<AppEnv>, id: string, answer: Answer) {
  if ('unchanged' in answer) return c.json(answer, 200);
  return c.json(answer, 201, { location: `/v1/datasets/${id}/versions/${answer.version}` });
}

/** Sends rows held in memory, in order. */
export const sendAll = (rows: readonly Row[]) => async (sender: RowSender) => {
  for (const row of rows) await sender.send(row);
};

/**
 * Rows that arrive one at a time (an NDJSON body's lines, a stored version's) read into values by
 * `read` and checked as they come, each good one sent on at once, so no isolate holds them all.
 * Checking stops once the problems reported are capped, and pauses between steps as `checkRows` does.
 */
export const checkedFeed =
  <T>(
    c: Context<AppEnv>,
    def: DatasetDefinition,
    entry: PublishLog,
    items: AsyncIterable<T>,
    read: (item: T) => unknown,
    what: string,
  ) =>
  async (sender: RowSender) => {
    const { maxPublishRows } = c.var.config;
    const checkRow = rowChecker(def);
    const problems: RowProblem[] = [];
    for await (const item of items) {
      const index = entry.rows++;
      if (index >= maxPublishRows)
        throw problem(
          413,
          `More than ${maxPublishRows} rows were sent, the most one publish may have (MAX_PUBLISH_ROWS); nothing was published.`,
          { limit: maxPublishRows },
        );
      const checked = checkRow(read(item), index);
      if (checked.problems.length > 0) {
        problems.push(...checked.problems);
        if (problems.length >= maxProblems) break;
      } else if (problems.length === 0 && checked.row) await sender.send(checked.row);
      if (index % rowsPerTurn === rowsPerTurn - 1) await nextTurn();
    }
    if (problems.length > 0) throw invalid(entry, problems, what);
  };

/**
 * The writer's answer for rows that `feed` sends as it checks them: it publishes them, or (dryRun) says
 * what would change. The rows stream to the writer (`rowSender`), which answers once they have ended:
 * an answer (or a failure) before that stops the feed, and a feed that throws (a bad line, too many
 * rows, rows that miss the schema) cuts the stream short, so nothing is published.
 */
export async function toWriter(
  c: Context<AppEnv>,
  def: DatasetDefinition,
  options: Omit<PublishOptions, 'retention' | 'publishedBy'>,
  feed: (sender: RowSender) => Promise<void>,
): Promise<PublishResult> {
  const { id } = def;
  const request = await publishRequest(def, {
    retention: c.var.config.retention,
    publishedBy: c.var.adminLabel,
    ...options,
  });
  const sender = rowSender(request.columns, request.key);
  // A native promise of the RPC call, handled at once: the feed may end in a refusal first.
  const answer = new Promise<PublishResult>((resolve, reject) => {
    writerOf(c, id).publish(request, sender.readable).then(resolve, reject);
  });
  answer.catch(() => undefined);
  const early = answer.then(() => {
    throw new Error('The writer answered before the rows ended');
  });
  const fed = feed(sender).then(() => sender.end());
  fed.catch(() => undefined);
  try {
    await Promise.race([fed, early]);
  } catch (error) {
    sender.cut();
    if (error instanceof HTTPException) throw error;
  }
  const result = await callWriter(id, () => answer);
  // Rows lost between this isolate and the writer: nothing was published, and trying again will do.
  if (result.outcome === 'cut')
    throw storageFailed(
      `The rows of "${id}" did not all reach its writer; nothing was published. Try again.`,
    );
  return result;
}

/** What a publish came to, for the caller: refusals thrown as 409s, the rest as the answer to send. */
export async function published(
  c: Context<AppEnv>,
  id: string,
  entry: PublishLog,
  result: Extract<PublishResult, { outcome: 'stale' | 'shrink' | 'unchanged' | 'published' }>,
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
    ...(result.renamed && { renamed: result.renamed }),
  };
}

export const tooLong = (result: Extract<PublishResult, { outcome: 'oversized' }>) =>
  `this row is ${result.chars} characters of JSON; a row may have at most ${result.limit}`;

/**
 * The end of a publish of rows (a JSON body, NDJSON, a rollback): a row the writer could not keep or a
 * repeated key it found is a 422 in the rows' terms; the rest is `published`.
 */
export async function rowsPublished(
  c: Context<AppEnv>,
  def: DatasetDefinition,
  entry: PublishLog,
  result: PublishResult,
  rolledBackFrom?: number,
): Promise<Answer> {
  const { id } = def;
  entry.outcome = result.outcome;
  if (result.outcome === 'oversized')
    throw invalid(
      entry,
      [{ row: result.row, column: null, message: tooLong(result), value: null }],
      `A row of "${id}" is too large`,
    );
  if (result.outcome === 'duplicates') {
    const problems = result.duplicates.map((d) =>
      duplicateKeyProblem(def, d.row, d.duplicateOf, {
        first: JSON.parse(d.earlierLine) as Row,
        later: JSON.parse(d.line) as Row,
      }),
    );
    throw invalid(entry, problems, rowsMissSchema(id));
  }
  if (result.outcome === 'checked' || result.outcome === 'cut')
    throw new Error(`a publish came back as ${result.outcome}`);
  return published(c, id, entry, result, rolledBackFrom);
}

/**
 * A whole-body publish: validate the rows with the app's dataset definition, hand them to the writer,
 * purge what it replaced, and log one line.
 */
export async function validateAndPublish(
  c: Context<AppEnv>,
  def: DatasetDefinition,
  input: readonly unknown[],
  options: Omit<PublishOptions, 'retention' | 'publishedBy'>,
): Promise<Answer> {
  const { id } = def;
  const entry = logEntry(c, id, input.length);
  return logged(entry, async () => {
    const checked = await checkRows(def, input);
    if (checked.problems.length > 0) throw invalid(entry, checked.problems, rowsMissSchema(id));
    const result = await toWriter(c, def, options, sendAll(checked.rows));
    return rowsPublished(c, def, entry, result);
  });
}

/**
 * A stored version's lines, a page at a time, for a rollback: a page is read and split when the rows
 * before it have gone on to the writer. A page gone part way (a prune that came first) is storage's
 * failure, and nothing is published.
 */
export async function* storedLines(reader: DatasetReader, meta: VersionMeta): AsyncGenerator<string> {
  for (let page = 0; page < meta.pageStarts.length; page++) {
    const bytes = await reader.page(meta, page);
    if (!bytes)
      throw storageFailed(
        `The rows of version ${meta.version} of "${meta.dataset}" could not be read from storage; nothing was published. Try again shortly.`,
      );
    yield* splitRows(pageText.decode(bytes));
  }
}

const pageText = new TextDecoder();

/** Publishing past the shrink guard takes rows from readers at once: an admin's call. */
export function forceNeedsAdmin(c: Context<AppEnv>, force: boolean | undefined) {
  if (force)
    requireAdmin(
      c,
      'Publishing past the shrink guard ("force": true)',
      'Check the tab; if the rows should go, ask someone with an admin token to publish anyway.',
    );
}
