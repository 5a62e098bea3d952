import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { validateTab } from '../../src/datasets/validate-tab.ts';
import type { HeapPeak } from './heap-peaks.ts';
import { isolateTargets, openSession, sampleHeaps } from './heap-sampler.ts';
import { type KvOperations, kvOperationsBetween } from './kv-operations.ts';
import { contentTypes, type PublishFormat, publishBody } from './publish-body.ts';
import { putStream } from './put-stream.ts';
import { type BenchRuntime, type Isolate, isolates, memoryOf } from './runtime.ts';
import { benchDataset, syntheticCsvCells } from './synthetic.ts';

/** PUT /admin/v1/datasets/{id} with `{ rows }`; throws unless the Worker answers 200 or 201. */
export async function putDatasetOrThrow(
  origin: string,
  token: string,
  id: string,
  body: string,
): Promise<{ status: number; answer: unknown }> {
  const response = await fetch(`${origin}/admin/v1/datasets/${id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const answer = await response.json();
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`Publishing ${id} answered ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return { status: response.status, answer };
}

export interface ValidateMeasure {
  rows: number;
  csv_bytes: number;
  parse_ms: number;
  validate_ms: number;
  /** Rows per second through validateTab (coercion, schema, duplicate keys), CSV parsing excluded. */
  validate_rows_per_s: number;
  /** Rows per second for csv-parse and validateTab together. */
  csv_to_rows_per_s: number;
}

/** The publish side in Node: a generated CSV tab parsed with csv-parse, then validated row by row. */
export function measureValidate(count: number): ValidateMeasure {
  const csv = stringify(syntheticCsvCells(count));
  const def = benchDataset('bench-100k');
  const t0 = performance.now();
  const cells = parse(csv) as string[][];
  const t1 = performance.now();
  const report = validateTab(def, cells);
  const t2 = performance.now();
  if (report.problems.length > 0 || report.rows.length !== count) {
    throw new Error(`The synthetic tab did not validate: ${JSON.stringify(report.problems.slice(0, 3))}`);
  }
  return {
    rows: count,
    csv_bytes: Buffer.byteLength(csv),
    parse_ms: t1 - t0,
    validate_ms: t2 - t1,
    validate_rows_per_s: count / ((t2 - t1) / 1000),
    csv_to_rows_per_s: count / ((t2 - t0) / 1000),
  };
}

/** What one measured request cost, whether it succeeded or not. */
export interface RequestMeasure {
  /** The HTTP status, or 0 when no answer came (the time budget ran out, or the connection failed). */
  status: number;
  /** Why it failed: the problem's `detail`, or what went wrong; absent on success. */
  error?: string;
  /** From sending the request to its last byte (a publish's answer, a download's whole body). */
  ms: number;
  /** Each isolate's JS heap, sampled through the inspector during the request. */
  heap: Record<Isolate, HeapPeak>;
  /** Each isolate's KV operations during the request: each is one invocation with its own limit. */
  kv_operations: Record<Isolate, KvOperations>;
  workerd_rss_before_mb: number;
  /** Highest workerd RSS (every isolate and the runtime) sampled every 20 ms during the request. */
  workerd_rss_peak_mb: number;
  /** The kernel's high-water mark of workerd's RSS (VmHWM) after the request: the process's peak so far. */
  workerd_hwm_mb: number;
}

export interface PublishMeasure extends RequestMeasure {
  dataset: string;
  rows: number;
  format: PublishFormat;
  /** What the Worker answered it changed, against the version before (all added for a first one). */
  changes?: { added: number; removed: number; changed: number };
  /** Bytes of body handed to the connection (all of it on success; up to the answer otherwise). */
  body_bytes: number;
  rows_per_s: number;
}

export interface DownloadMeasure extends RequestMeasure {
  dataset: string;
  path: string;
  body_bytes: number;
}

/** Longest a measured publish or download may take before the bench gives up on it. */
export const timeBudgetMs = (rows: number) => 60_000 + Math.ceil(rows * 0.75);

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Runs `work` while sampling each isolate's heap, workerd's RSS and counting KV operations. */
async function measure(
  runtime: BenchRuntime,
  budgetMs: number,
  work: (signal: AbortSignal) => Promise<{ status: number; error?: string }>,
): Promise<RequestMeasure> {
  const targets = await isolateTargets(runtime.inspector, Object.values(isolates));
  const sessions = new Map(
    await Promise.all(
      (Object.keys(isolates) as Isolate[]).map(
        async (isolate) => [isolate, await openSession(targets.get(isolates[isolate]) as string)] as const,
      ),
    ),
  );
  const rss = () => runtime.workerdPids.reduce((sum, pid) => sum + (memoryOf(pid)?.rss ?? 0), 0);
  try {
    await runtime.collectGarbage();
    const kvBefore = await runtime.kvOperations();
    const heaps = await sampleHeaps(sessions);
    const before = rss();
    let peak = before;
    const rssSampler = setInterval(() => {
      peak = Math.max(peak, rss());
    }, 20);
    const t0 = performance.now();
    let outcome: { status: number; error?: string };
    const signal = AbortSignal.timeout(budgetMs);
    try {
      outcome = await work(signal);
    } catch (error) {
      const reason = signal.aborted
        ? `no answer within the bench's budget of ${Math.round(budgetMs / 1000)} s`
        : String((error as Error).cause ?? error);
      outcome = { status: 0, error: reason };
    }
    const ms = performance.now() - t0;
    // What the request leaves running (a writer's waitUntil, say) is its cost too.
    await new Promise((resolve) => setTimeout(resolve, 200));
    clearInterval(rssSampler);
    const heap = (await heaps.stop()) as Record<Isolate, HeapPeak>;
    const kvAfter = await runtime.kvOperations();
    return {
      ...outcome,
      ms,
      heap,
      kv_operations: {
        worker: kvOperationsBetween(kvBefore.worker, kvAfter.worker),
        writer: kvOperationsBetween(kvBefore.writer, kvAfter.writer),
      },
      workerd_rss_before_mb: mb(before),
      workerd_rss_peak_mb: mb(Math.max(peak, rss())),
      workerd_hwm_mb: mb(runtime.workerdPids.reduce((sum, pid) => sum + (memoryOf(pid)?.hwm ?? 0), 0)),
    };
  } finally {
    for (const session of sessions.values()) session.close();
  }
}

/** A failed answer's reason: the problem's detail, else the start of its body. */
function failure(text: string): string {
  try {
    const problem = JSON.parse(text) as { detail?: unknown; title?: unknown };
    return String(problem.detail ?? problem.title ?? text).slice(0, 500);
  } catch {
    return text.slice(0, 500);
  }
}

/**
 * Publishes `count` synthetic rows as `id` through the admin API, the body generated as it is sent,
 * and measures it. A refused or unfinished publish is measured too: its status and error say why.
 */
export async function measurePublish(
  runtime: BenchRuntime,
  id: string,
  count: number,
  format: PublishFormat,
  seed = 1,
): Promise<PublishMeasure> {
  const body = publishBody(count, format, seed);
  let changes: PublishMeasure['changes'];
  const measured = await measure(runtime, timeBudgetMs(count), async (signal) => {
    const { status, text } = await putStream(
      `${runtime.assay}/admin/v1/datasets/${id}`,
      { authorization: `Bearer ${runtime.adminToken}`, 'content-type': contentTypes[format] },
      body.stream,
      signal,
    );
    if (status !== 200 && status !== 201) return { status, error: failure(text) };
    changes = (JSON.parse(text) as { changes?: PublishMeasure['changes'] }).changes;
    return { status };
  });
  const ok = measured.status === 200 || measured.status === 201;
  if (measured.status === 0) {
    measured.error = `${measured.error}, after ${(body.sent.bytes / 1024 / 1024).toFixed(1)} MB of the body`;
  }
  return {
    dataset: id,
    rows: count,
    format,
    ...(changes && { changes }),
    body_bytes: body.sent.bytes,
    ...measured,
    rows_per_s: ok ? count / (measured.ms / 1000) : 0,
  };
}

/** Downloads a whole version as JSON, reading the body as it arrives (never holding it), and measures it. */
export async function measureDownload(
  runtime: BenchRuntime,
  id: string,
  rows: number,
): Promise<DownloadMeasure> {
  const path = `/v1/datasets/${id}`;
  let bytes = 0;
  const measured = await measure(runtime, timeBudgetMs(rows), async (signal) => {
    const response = await fetch(`${runtime.assay}${path}`, { signal });
    if (response.status !== 200) return { status: response.status, error: failure(await response.text()) };
    for await (const chunk of response.body ?? []) bytes += chunk.byteLength;
    return { status: response.status };
  });
  return { dataset: id, path, body_bytes: bytes, ...measured };
}
