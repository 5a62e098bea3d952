import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Row } from '../../src/datasets/types.ts';
import type { RenamedKey } from '../../src/publish/renamed-keys.ts';
import { shrinkAllowance } from '../../src/publish/shrink-guard.ts';
import type { ChangeCounts } from '../../src/store/records.ts';
import { isLoopback } from '../net/loopback.ts';
import { formatDuration } from './duration.ts';
import { configError, unavailable } from './errors.ts';
import { isRetryableStatus, nextRetryDelay, type RetryPolicy, retryAfterMs } from './retry.ts';

export interface Target {
  url: string;
  token: string;
}

/** The admin API's `PUT /admin/v1/datasets/:id` body, as the sync sends it. */
export interface PutDatasetBody {
  rows: Row[];
  source: Record<string, string>;
  /** The version read just before publishing; 0 when the dataset has none yet. */
  baseVersion: number;
  force: boolean;
}

/** A problem the Worker found in the rows sent (`row` indexes them from 0, `column` is a field id). */
const targetProblem = z.object({
  row: z.number().int().nonnegative(),
  column: z.string().nullable(),
  message: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});
export type TargetProblem = z.infer<typeof targetProblem>;
const invalidAnswer = z.object({ problems: z.array(targetProblem) });

export type PublishAnswer =
  | { kind: 'published'; version: number; changes: ChangeCounts; renamed: RenamedKey[] }
  | { kind: 'unchanged'; version: number }
  | { kind: 'invalid'; problems: TargetProblem[] }
  /** The shrink guard: the editor's to confirm, with --force. */
  | { kind: 'refused'; reason: string };

const errorCode = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;

/** Nothing listens on that local port: npm start is not running, and waiting will not start it. */
const refusedLocally = (target: string, error: unknown) =>
  isLoopback(target) && errorCode(error) === 'ECONNREFUSED';

function unreachable(target: string, cause: unknown, waitedMs: number): Error {
  const retried = waitedMs > 0 ? `, still after retrying for ${formatDuration(waitedMs)}` : '';
  const hint = isLoopback(target)
    ? ' Is the local Worker running (npm start), on this port? Set PORT (or --target) to match it.'
    : '';
  return unavailable(`Could not reach the Worker at ${target} (${errorCode(cause)})${retried}.${hint}`);
}

/**
 * fetch with the same budget as the Google calls: network errors, 408, 429 and 5xx are retried,
 * `Retry-After` honoured. Every publish is safe to repeat: equal content answers "unchanged".
 */
async function fetchWithRetry(url: string, init: RequestInit, target: string, policy: RetryPolicy) {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const remaining = policy.budgetMs - (Date.now() - started);
    let response: Response | undefined;
    let failure: unknown;
    try {
      response = await fetch(url, {
        ...init,
        signal: AbortSignal.timeout(Math.max(1_000, Math.min(30_000, remaining))),
      });
      if (!isRetryableStatus(response.status)) return response;
    } catch (error) {
      if (refusedLocally(target, error)) throw unreachable(target, error, 0);
      failure = error;
    }
    const now = Date.now();
    const delay = nextRetryDelay(
      policy,
      attempt,
      now - started,
      retryAfterMs(response?.headers.get('retry-after'), now),
    );
    if (delay === undefined) {
      if (response) return response;
      throw unreachable(target, failure, now - started);
    }
    await response?.body?.cancel();
    await sleep(delay);
  }
}

const version = z.number().int().positive();
const count = z.number().int().nonnegative();
const catalogueAnswer = z.object({
  datasets: z.array(z.object({ id: z.string(), version: version.nullable() })),
});
const unchangedAnswer = z.object({ version });
const keyValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const publishedAnswer = z.object({
  version,
  changes: z.object({ added: count, removed: count, changed: count }),
  renamed: z.array(z.object({ row: count, before: keyValues, after: keyValues })).optional(),
});

/**
 * A success answer in the shape the Assay Worker gives it. Anything else, JSON or not, means --target
 * is some other server: exit 2 with a sentence, before a publish could be reported that never happened.
 */
async function answerOf<T>(response: Response, target: Target, shape: z.ZodType<T>): Promise<T> {
  const parsed = shape.safeParse(await response.json().catch(() => undefined));
  if (parsed.success) return parsed.data;
  throw notAssay(response, target);
}

const notAssay = (response: Response, target: Target) =>
  configError(
    `The server at ${target.url} answered ${response.status} with something that is not an Assay answer: ` +
      'is --target the Assay Worker?',
  );

async function problemDetail(response: Response): Promise<{ detail: string; body: Record<string, unknown> }> {
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const detail = typeof body.detail === 'string' ? body.detail : `HTTP ${response.status}`;
  return { detail, body };
}

/** The version each dataset serves now, from the public catalogue (absent: nothing published yet). */
export async function servedVersions(target: Target, policy: RetryPolicy): Promise<Map<string, number>> {
  const response = await fetchWithRetry(
    `${target.url}/v1/datasets`,
    { headers: { accept: 'application/json', 'cache-control': 'no-cache' } },
    target.url,
    policy,
  );
  // An answer not worth retrying (a 404, a 403) means the address is wrong, not that the Worker is down.
  if (!response.ok && !isRetryableStatus(response.status))
    throw configError(
      `The Worker address ${target.url} answered ${response.status} for /v1/datasets: give the Assay Worker's origin, with no path (--target or ASSAY_TARGET_URL).`,
    );
  if (!response.ok)
    throw unavailable(`The Worker at ${target.url} answered ${response.status} for its catalogue.`);
  const body = await answerOf(response, target, catalogueAnswer);
  return new Map(body.datasets.flatMap((d) => (d.version === null ? [] : [[d.id, d.version] as const])));
}

/**
 * The shrink guard's refusal in the editor's terms: what the tab holds now, not only what would go, and
 * the dataset's limit (an older Worker's answer may not say it). The CLI's way past it is --force.
 */
function shrinkReason(removing: number, served: number, sent: number, allowed: unknown): string {
  const limit = typeof allowed === 'number' ? `; ${shrinkAllowance(allowed)}` : '';
  const advice = `${limit}; check the tab, or run with --force if the rows should go`;
  if (sent === 0)
    return `the tab has no data rows, so publishing it would remove all ${served} served ${served === 1 ? 'row' : 'rows'}${advice}`;
  return (
    `it would remove ${removing} of ${served} rows (the tab has ${sent}; a row whose key changed counts as ` +
    `removed and added)${advice}`
  );
}

/**
 * Above this much JSON a publish goes as NDJSON (the options on line 1, then a row a line), which the
 * Worker reads as it arrives and hands on row by row, rather than as one body it must hold, parse and
 * validate whole (about 10 times the body in its 128 MB isolate) and which MAX_BODY_BYTES caps. Below
 * it the whole-body form is kept: at 1 MiB (some 5,000 rows of 12 columns) it costs the isolate a
 * few MB, and a small publish stays one readable JSON document for logs and for older Workers.
 */
export const ndjsonAboveChars = 1024 * 1024;

interface PublishBody {
  contentType: string;
  text: string;
  /** The Worker's setting that a 413 for this form is about. */
  limit: string;
}

function publishBody(sent: PutDatasetBody): PublishBody {
  const json = JSON.stringify(sent);
  if (json.length <= ndjsonAboveChars)
    return { contentType: 'application/json', text: json, limit: 'MAX_BODY_BYTES' };
  const { rows, ...options } = sent;
  const lines = [JSON.stringify(options), ...rows.map((row) => JSON.stringify(row))];
  return { contentType: 'application/x-ndjson', text: `${lines.join('\n')}\n`, limit: 'MAX_PUBLISH_ROWS' };
}

/** PUT one dataset's rows to the admin API and say what came of it; failures throw with an exit code. */
export async function putDataset(
  target: Target,
  dataset: string,
  sent: PutDatasetBody,
  policy: RetryPolicy,
): Promise<PublishAnswer> {
  const body = publishBody(sent);
  const response = await fetchWithRetry(
    `${target.url}/admin/v1/datasets/${encodeURIComponent(dataset)}`,
    {
      method: 'PUT',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': body.contentType },
      body: body.text,
    },
    target.url,
    policy,
  );
  if (response.status === 200) {
    const answer = await answerOf(response, target, unchangedAnswer);
    return { kind: 'unchanged', version: answer.version };
  }
  if (response.status === 201) {
    const answer = await answerOf(response, target, publishedAnswer);
    return {
      kind: 'published',
      version: answer.version,
      changes: answer.changes,
      renamed: answer.renamed ?? [],
    };
  }
  const { detail, body: problem } = await problemDetail(response);
  switch (response.status) {
    case 401:
      throw configError(
        `The Worker at ${target.url} did not accept the admin token: set ADMIN_TOKEN to one of its tokens.`,
      );
    case 403:
      // A publish token (PUBLISH_TOKEN) set as the sync's ADMIN_TOKEN, running with --force.
      throw configError(
        `The Worker at ${target.url} refused: ${detail} Set ADMIN_TOKEN to an admin token to use --force.`,
      );
    case 404:
      throw configError(
        `The Worker at ${target.url} has no dataset "${dataset}": deploy the current Worker first.`,
      );
    case 409:
      if (typeof problem.removing === 'number' && typeof problem.rows === 'number')
        return {
          kind: 'refused',
          reason: shrinkReason(problem.removing, problem.rows, sent.rows.length, problem.allowed),
        };
      throw unavailable(
        `Someone else published "${dataset}" while this run was reading it` +
          (typeof problem.currentVersion === 'number'
            ? ` (it is now version ${problem.currentVersion})`
            : '') +
          '; nothing was lost, and the next run publishes on top of it.',
      );
    case 413:
      throw configError(
        `The rows of "${dataset}" are more than the Worker at ${target.url} accepts in one publish (${detail}); ` +
          `look for an overlong cell or stray rows in the tab, or raise ${body.limit} on the Worker.`,
      );
    case 422: {
      const parsed = invalidAnswer.safeParse(problem);
      if (!parsed.success) throw notAssay(response, target);
      return { kind: 'invalid', problems: parsed.data.problems };
    }
    default:
      throw unavailable(`The Worker at ${target.url} answered ${response.status}: ${detail}`);
  }
}
