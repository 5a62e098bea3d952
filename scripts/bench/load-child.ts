import { createRequire } from 'node:module';
import { percentile } from './stats.ts';

/**
 * The load generator, in its own process so it can be pinned to another core than workerd: it
 * takes one job at a time over IPC, runs autocannon and answers with the numbers the bench keeps.
 */
export interface LoadJob {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Seconds of load run and thrown away first. */
  warmup: number;
  /** The status every answer must have: 304 for a floor's constant 304, else 200 (304 with If-None-Match). */
  status?: number;
}

export interface LoadResult {
  requests: number;
  /** Requests of the discarded warm-up (they still read KV, so KV reads per request count them). */
  warmupRequests: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  bytesPerSec: number;
  errors: number;
  unexpected: number;
  statuses: Record<string, number>;
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  throughput: { average: number; total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}

/** autocannon's run: a thenable EventEmitter (the package ships no types). */
type Tracker = PromiseLike<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
type Autocannon = (options: Record<string, unknown>) => Tracker;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/**
 * One autocannon run. Its own latency histogram keeps whole milliseconds, too coarse for sub-ms
 * answers, so each response time (a float from process.hrtime) is also kept here.
 */
async function run(job: LoadJob, duration: number): Promise<{ result: AutocannonResult; times: number[] }> {
  const times: number[] = [];
  const tracker = autocannon({
    url: job.url,
    headers: job.headers ?? {},
    connections: job.connections,
    duration,
    // autocannon checks for the end of a run at each sample tick (1 s by default): tick often, so a
    // 0.3 s warm-up lasts 0.3 s.
    sampleInt: 100,
  });
  tracker.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  return { result: await tracker, times };
}

export async function load(job: LoadJob): Promise<LoadResult> {
  const warm = job.warmup > 0 ? await run(job, job.warmup) : undefined;
  const { result, times } = await run(job, job.duration);
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count;
  const expected = String(job.status ?? (job.headers?.['if-none-match'] ? 304 : 200));
  const total = result.requests.total;
  return {
    requests: total,
    warmupRequests: warm?.result.requests.total ?? 0,
    rps: total / result.duration,
    p50_ms: percentile(times, 0.5),
    p99_ms: percentile(times, 0.99),
    bytesPerSec: result.throughput.total / result.duration,
    errors: result.errors + result.timeouts,
    unexpected: total - (statuses[expected] ?? 0),
    statuses,
  };
}

if (process.send) {
  process.on('message', async (job: LoadJob) => {
    try {
      process.send?.({ ok: true, result: await load(job) });
    } catch (error) {
      process.send?.({ ok: false, message: String(error) });
    }
  });
}
