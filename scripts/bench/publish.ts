import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { validateTab } from '../../src/datasets/validate-tab.ts';
import { memoryOf } from './runtime.ts';
import { benchDataset, syntheticCsvCells, syntheticRows } from './synthetic.ts';

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

export interface PublishMeasure {
  dataset: string;
  rows: number;
  body_bytes: number;
  status: number;
  /** From sending the PUT to the Worker's 201: validation, the writer, every KV page and record. */
  ms: number;
  workerd_rss_before_mb: number;
  /** Highest workerd RSS sampled every 20 ms during the request. */
  workerd_rss_peak_mb: number;
  /** The kernel's high-water mark of workerd's RSS (VmHWM) after the publish: the process's peak so far. */
  workerd_hwm_mb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Publishes `count` synthetic rows as `id`, timing it and sampling workerd's memory meanwhile. */
export async function measurePublish(
  origin: string,
  token: string,
  id: string,
  count: number,
  workerdPids: number[],
): Promise<PublishMeasure> {
  const body = JSON.stringify({ rows: syntheticRows(count) });
  const rss = () => workerdPids.reduce((sum, pid) => sum + (memoryOf(pid)?.rss ?? 0), 0);
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 20);
  const t0 = performance.now();
  try {
    const { status } = await putDatasetOrThrow(origin, token, id, body);
    const ms = performance.now() - t0;
    peak = Math.max(peak, rss());
    return {
      dataset: id,
      rows: count,
      body_bytes: Buffer.byteLength(body),
      status,
      ms,
      workerd_rss_before_mb: mb(before),
      workerd_rss_peak_mb: mb(peak),
      workerd_hwm_mb: mb(workerdPids.reduce((sum, pid) => sum + (memoryOf(pid)?.hwm ?? 0), 0)),
    };
  } finally {
    clearInterval(sampler);
  }
}
