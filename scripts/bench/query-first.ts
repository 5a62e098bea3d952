/**
 * `node scripts/bench/query-first.ts`: how long a query's first answer takes on the 100,000-row
 * synthetic dataset in workerd (the bench Worker in Miniflare), when no answer to it is kept yet.
 * The very first request also reads the version's pages from KV; the rest find the pages in the
 * isolate and only filter, search or count. Repeated answers are measured under load by `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import { putDatasetOrThrow } from './publish.ts';
import { buildBenchWorker, startRuntime } from './runtime.ts';
import { queryScenarios } from './scenarios.ts';
import { median } from './stats.ts';
import { syntheticRows } from './synthetic.ts';

const runtime = await startRuntime(await buildBenchWorker());
try {
  await putDatasetOrThrow(
    runtime.assay,
    runtime.adminToken,
    'bench-100k',
    JSON.stringify({ rows: syntheticRows(100_000) }),
  );
  const timed = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${runtime.assay}${path}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return performance.now() - t0;
  };
  console.log(
    '| query on 100,000 rows | first request (pages from KV) | first answer, pages in the isolate (median of 15) |',
  );
  console.log('|---|--:|--:|');
  for (const { name, path } of queryScenarios) {
    // Each offset is a new URL, so no kept answer serves it: the query runs again every time.
    const cold = await timed(`${path}&offset=1`);
    const warm: number[] = [];
    for (let i = 2; i <= 16; i++) warm.push(await timed(`${path}&offset=${i}`));
    console.log(`| ${name} | ${cold.toFixed(0)} ms | ${median(warm).toFixed(0)} ms |`);
  }
} finally {
  await runtime.stop();
}
