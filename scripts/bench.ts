/**
 * `npm run bench [-- --quick] [-- --rounds N --duration S]`: the Worker's hot paths under HTTP load
 * in Miniflare, each against the runtime's own floor, plus the publish side. See BENCHMARKS.md.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { floorName, floorsOf, type ScenarioFloors, shapeOf } from './bench/floors.ts';
import type { LoadJob, LoadResult } from './bench/load-child.ts';
import { benchSettings } from './bench/options.ts';
import {
  type DownloadMeasure,
  measureDownload,
  measurePublish,
  measureValidate,
  type PublishMeasure,
  putDatasetOrThrow,
} from './bench/publish.ts';
import { publishTargets } from './bench/publish-report.ts';
import {
  type FloorView,
  type Measured,
  markdownTable,
  type ScenarioReport,
  targets,
} from './bench/results-table.ts';
import {
  buildBenchWorker,
  buildDeployedWorker,
  cpuMsOf,
  memoryOf,
  pin,
  startRuntime,
} from './bench/runtime.ts';
import { type Scenario, scenarios } from './bench/scenarios.ts';
import { kvReads, median, spread } from './bench/stats.ts';
import { benchDatasetOf, syntheticRows } from './bench/synthetic.ts';
import { root } from './worker/wrangler.ts';

const settings = benchSettings(process.argv.slice(2));
if ('error' in settings) {
  process.stderr.write(`${settings.error}\n`);
  process.exit(2);
}
const { quick, rounds, duration, warmup, connections, outFile, publishRows, only } = settings;
const started = Date.now();
const log = (line: string) =>
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);

log('building the deployed Worker (npm run build) and the bench build');
const deployed = await buildDeployedWorker();
if (!deployed.clean) throw new Error('The deployed bundle contains the synthetic datasets');
const bundle = await buildBenchWorker();

log('validating 100,000 CSV rows in Node');
const validate = measureValidate(100_000);

const runtime = await startRuntime(bundle);
const loader = fork(join(import.meta.dirname, 'bench/load-child.ts'), [], { stdio: 'inherit' });
const cleanup = async () => {
  loader.kill();
  await runtime.stop();
};
try {
  const pinned =
    runtime.workerdPids.length > 0 &&
    runtime.workerdPids.every((pid) => pin(pid, 0)) &&
    loader.pid !== undefined &&
    pin(loader.pid, 1) &&
    pin(process.pid, 1);
  log(
    pinned
      ? `pinned workerd (pid ${runtime.workerdPids.join(',')}) to core 0, autocannon and this script to core 1`
      : 'could not pin processes to cores (taskset missing or refused); running unpinned',
  );

  log('publishing 100 and 10,000 rows, then 100,000 rows (measured) through the admin API');
  for (const [id, count] of [
    ['bench-100', 100],
    ['bench-10k', 10_000],
  ] as const) {
    await putDatasetOrThrow(
      runtime.assay,
      runtime.adminToken,
      id,
      JSON.stringify({ rows: syntheticRows(count) }),
    );
  }
  const publishes: PublishMeasure[] = [];
  const downloads: DownloadMeasure[] = [];
  // Each measured publish, then a full download of what it published, each isolate's heap sampled.
  const publishAndDownload = async (rows: number) => {
    const id = benchDatasetOf(rows);
    // The streamed form, as the sync sends any tab over 1 MiB of JSON.
    const format = 'ndjson';
    log(`publishing ${rows.toLocaleString('en-US')} rows (${format}), measured`);
    const published = await measurePublish(runtime, id, rows, format);
    publishes.push(published);
    log(
      `  ${published.status} in ${(published.ms / 1000).toFixed(1)} s${published.error ? `: ${published.error}` : ''}`,
    );
    if (published.status !== 200 && published.status !== 201) return;
    log(`downloading the ${rows.toLocaleString('en-US')}-row version whole, measured`);
    const downloaded = await measureDownload(runtime, id, rows);
    downloads.push(downloaded);
    log(
      `  ${downloaded.status} in ${(downloaded.ms / 1000).toFixed(1)} s${downloaded.error ? `: ${downloaded.error}` : ''}`,
    );
  };
  await publishAndDownload(100_000);
  if (publishes[0]?.status !== 201)
    throw new Error('The 100,000-row publish failed; the read scenarios need it');

  const smallEtag = (await fetch(`${runtime.assay}/v1/datasets/bench-100`)).headers.get('etag') ?? '';
  const chosen = scenarios(smallEtag)
    .filter((s) => !quick || !s.fullOnly)
    .filter((s) => only?.test(s.name) ?? true);
  const sizes = new Map<string, number>();

  // Each scenario's answer once kept (its second request): its exact size, status and headers, which
  // its floors replay.
  const floors = new Map<string, ScenarioFloors>();
  for (const s of chosen) {
    const init = { headers: s.headers ?? {} };
    await (await fetch(`${runtime.assay}${s.path}`, init)).arrayBuffer();
    const response = await fetch(`${runtime.assay}${s.path}`, init);
    const bytes = (await response.arrayBuffer()).byteLength;
    const expected = s.floor === 'not-modified' ? 304 : 200;
    if (response.status !== expected) throw new Error(`${s.name}: ${response.status}, expected ${expected}`);
    sizes.set(s.name, bytes);
    if (s.floor === 'none') continue;
    const shape = shapeOf(s.name, response.status, bytes, response.headers);
    const registered = await fetch(`${runtime.floor}/shapes`, {
      method: 'POST',
      body: JSON.stringify(shape),
    });
    if (registered.status !== 204) throw new Error(`${s.name}: the floor Worker refused its shape`);
    floors.set(s.name, floorsOf(s.name, s.floor, response.status, bytes));
  }

  interface Job {
    key: string;
    url: string;
    headers?: Record<string, string>;
    status?: number;
    connections: number;
  }
  const groups: Job[][] = chosen.map((s) => {
    const conns = s.connections ?? connections;
    const own: Job = { key: s.name, url: `${runtime.assay}${s.path}`, connections: conns };
    if (s.headers) own.headers = s.headers;
    const scenarioFloors = floors.get(s.name);
    if (!scenarioFloors) return [own];
    const floorJobs = [scenarioFloors.sameHeaders, ...scenarioFloors.bare].map((job) => ({
      key: job.key,
      url: `${runtime.floor}${job.path}`,
      status: job.status,
      connections: conns,
    }));
    return [own, ...floorJobs];
  });

  const runJob = (job: LoadJob) =>
    new Promise<LoadResult>((resolve, reject) => {
      loader.once('message', (message: { ok: boolean; result?: LoadResult; message?: string }) =>
        message.ok && message.result ? resolve(message.result) : reject(new Error(message.message)),
      );
      loader.send(job);
    });
  const workerdCpu = () => runtime.workerdPids.reduce((n, pid) => n + cpuMsOf(pid), 0);
  const isolateReads = async () =>
    kvReads((await fetch(`${runtime.assay}/healthz`)).headers.get('server-timing'))?.isolate ?? 0;

  const results = new Map<string, Measured[]>();
  for (let round = 0; round < rounds; round++) {
    log(`round ${round + 1} of ${rounds}`);
    const ran = new Set<string>();
    // Rotate the order every round, and alternate a scenario with its floors, so drift on a noisy
    // machine spreads over every scenario instead of landing on the last ones.
    const order = groups.map((_, i) => groups[(i + round) % groups.length] as Job[]);
    for (const group of order) {
      const jobs = round % 2 === 0 ? group : group.toReversed();
      for (const job of jobs) {
        if (ran.has(job.key)) continue;
        ran.add(job.key);
        const before = await isolateReads();
        const cpuBefore = workerdCpu();
        const result = await runJob({
          url: job.url,
          headers: job.headers,
          status: job.status,
          connections: job.connections,
          duration,
          warmup,
        });
        const cpuMs = workerdCpu() - cpuBefore;
        const reads = job.key.startsWith('floor:') ? 0 : (await isolateReads()) - before;
        if (result.errors > 0 || result.unexpected > 0) {
          throw new Error(`${job.key}: ${result.errors} errors, statuses ${JSON.stringify(result.statuses)}`);
        }
        const list = results.get(job.key) ?? [];
        list.push({ ...result, kvReads: reads, cpuMs });
        results.set(job.key, list);
      }
    }
  }

  // After the load, so the scenarios run beside the same data as before the 1,000,000 rows existed.
  for (const rows of publishRows.filter((n) => n !== 100_000)) {
    await publishAndDownload(rows);
    // The same ids with other values over the version just published: the diff against it, every
    // row changed, which a first publish never computes.
    log(`publishing ${rows.toLocaleString('en-US')} rows again, every row changed, measured`);
    const again = await measurePublish(runtime, benchDatasetOf(rows), rows, 'ndjson', 2);
    publishes.push(again);
    log(`  ${again.status} in ${(again.ms / 1000).toFixed(1)} s${again.error ? `: ${again.error}` : ''}`);
  }

  const reports: ScenarioReport[] = chosen.map((s) => summarise(s, sizes.get(s.name) ?? 0));
  function floorView(own: readonly Measured[], keys: readonly string[]): FloorView {
    // Of several ways to send the same thing, the faster counts.
    const rpsOf = (key: string) => median((results.get(key) ?? []).map((r) => r.rps));
    const key = keys.reduce((a, b) => (rpsOf(b) > rpsOf(a) ? b : a));
    const floor = results.get(key) ?? [];
    const perRound = floor.length === own.length ? own.map((r, i) => r.rps / (floor[i] as Measured).rps) : [];
    const ratios = spread(perRound);
    return {
      name: floorName(key),
      rps: rpsOf(key),
      p50_ms: median(floor.map((r) => r.p50_ms)),
      workerd_cpu_us: cpuPerRequest(floor),
      ratio: median(own.map((r) => r.rps)) / rpsOf(key),
      ratio_min: ratios.min,
      ratio_max: ratios.max,
    };
  }
  function summarise(s: Scenario, bytes: number): ScenarioReport {
    const own = results.get(s.name) ?? [];
    const rps = own.map((r) => r.rps);
    const requests = own.reduce((n, r) => n + r.requests + r.warmupRequests, 0);
    const reads = own.reduce((n, r) => n + r.kvReads, 0);
    const scenarioFloors = floors.get(s.name);
    const sameHeaders = scenarioFloors ? floorView(own, [scenarioFloors.sameHeaders.key]) : null;
    const bare = scenarioFloors
      ? floorView(
          own,
          scenarioFloors.bare.map((job) => job.key),
        )
      : null;
    const target = scenarioFloors?.target === 'bare' ? bare : sameHeaders;
    return {
      name: s.name,
      path: s.path,
      ...(s.headers && { headers: s.headers }),
      body_bytes: bytes,
      connections: s.connections ?? connections,
      rps: median(rps),
      rps_min: Math.min(...rps),
      rps_max: Math.max(...rps),
      rps_spread: spread(rps).relative,
      p50_ms: median(own.map((r) => r.p50_ms)),
      p99_ms: median(own.map((r) => r.p99_ms)),
      bytes_per_s: median(own.map((r) => r.bytesPerSec)),
      floor: target?.name ?? null,
      ratio_to_floor: target?.ratio ?? null,
      same_headers_floor: sameHeaders,
      bare_floor: bare,
      workerd_cpu_us: cpuPerRequest(own),
      kv_reads_per_1000: requests === 0 ? 0 : (reads / requests) * 1000,
      kv_reads: reads,
      requests,
    };
  }
  const floorRows = [...results.entries()]
    .filter(([key]) => key.startsWith('floor:'))
    .map(([key, list]) => ({
      name: floorName(key),
      rps: median(list.map((r) => r.rps)),
      rps_spread: spread(list.map((r) => r.rps)).relative,
      p50_ms: median(list.map((r) => r.p50_ms)),
      p99_ms: median(list.map((r) => r.p99_ms)),
      bytes_per_s: median(list.map((r) => r.bytesPerSec)),
      workerd_cpu_us: cpuPerRequest(list),
    }));

  const spreads = reports.map((r) => r.rps_spread).filter(Number.isFinite);
  const output = {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memory_gb: Math.round(totalmem() / 1024 ** 3),
      kernel: release(),
      node: process.version,
      miniflare: (await import('miniflare/package.json', { with: { type: 'json' } })).default.version,
      pinned,
    },
    commit: gitCommit(),
    date: new Date().toISOString(),
    settings: {
      quick,
      rounds,
      duration_s: duration,
      warmup_s: warmup,
      connections,
      ...(only && { only: only.source }),
    },
    noise: {
      median_rps_spread: median(spreads),
      max_rps_spread: Math.max(...spreads),
    },
    scenarios: reports,
    floors: floorRows,
    targets: [...targets(reports), ...publishTargets({ publishes, downloads })],
    publish: {
      validate,
      publishes,
      downloads,
      workerd_rss_after_load_mb:
        Math.round(
          (runtime.workerdPids.reduce((n, pid) => n + (memoryOf(pid)?.rss ?? 0), 0) / 1024 ** 2) * 10,
        ) / 10,
      deployed_bundle_bytes: deployed.bytes,
    },
  };
  mkdirSync(join(outFile, '..'), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(markdownTable(output));
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; wrote ${outFile}`);
} finally {
  await cleanup();
}

/** workerd CPU time per request (warm-up included on both sides), in microseconds. */
function cpuPerRequest(list: readonly Measured[]): number {
  const requests = list.reduce((n, r) => n + r.requests + r.warmupRequests, 0);
  return requests === 0 ? Number.NaN : (list.reduce((n, r) => n + r.cpuMs, 0) * 1000) / requests;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
