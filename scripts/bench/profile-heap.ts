/**
 * `node scripts/bench/profile-heap.ts [rows] [--isolate worker|writer] [--interval bytes]`: what
 * piles up in an isolate's old generation during a publish. Runs the bench Worker (unminified, so
 * functions keep their names) in Miniflare with the runtime's inspector, starts V8's sampling heap
 * profiler in one isolate (the Worker's by default), publishes `rows` synthetic rows as NDJSON
 * (100,000 by default: one of the bench's sizes) and prints the functions whose allocations outlived
 * a young collection: what V8 moved to its old generation, live or garbage not yet collected. Objects
 * freed young are left out, since they never reach the old generation. The whole profile goes to a
 * .heapprofile file (open it in Chrome DevTools' Memory panel).
 *
 * Garbage in the old generation is what raised the publish's heap peaks (BENCHMARKS.md, "The heap
 * work"): a profile of everything allocated would rank the rows' young garbage first instead.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allocationSites, type HeapProfile } from './heap-profile.ts';
import { isolateTargets, openSession } from './heap-sampler.ts';
import { contentTypes, publishBody } from './publish-body.ts';
import { putStream } from './put-stream.ts';
import { buildBenchWorker, type Isolate, isolates, startRuntime } from './runtime.ts';
import { benchDatasetOf } from './synthetic.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { isolate: { type: 'string' }, interval: { type: 'string' } },
});
const rows = Number(positionals[0] ?? '100000');
const isolate = (values.isolate ?? 'worker') as Isolate;
if (!(isolate in isolates)) throw new Error(`--isolate is one of ${Object.keys(isolates).join(', ')}`);
const interval = Number(values.interval ?? '16384');
const id = benchDatasetOf(rows);

const runtime = await startRuntime(await buildBenchWorker({ minify: false }));
try {
  const worker = isolates[isolate];
  const targets = await isolateTargets(runtime.inspector, [worker]);
  const session = await openSession(targets.get(worker) as string);
  await session.call('HeapProfiler.enable');
  await runtime.collectGarbage();
  await session.call('HeapProfiler.startSampling', {
    samplingInterval: interval,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  });
  const started = performance.now();
  const { status, text } = await putStream(
    `${runtime.assay}/admin/v1/datasets/${id}`,
    { authorization: `Bearer ${runtime.adminToken}`, 'content-type': contentTypes.ndjson },
    publishBody(rows, 'ndjson').stream,
    AbortSignal.timeout(30 * 60_000),
  );
  const seconds = (performance.now() - started) / 1000;
  const { profile } = await session.call<{ profile: HeapProfile }>('HeapProfiler.stopSampling');
  session.close();
  const file = join(tmpdir(), `${worker}-${Date.now()}.heapprofile`);
  writeFileSync(file, JSON.stringify(profile));
  const sites = allocationSites(profile);
  const total = sites.reduce((sum, site) => sum + site.bytes, 0);
  console.log(
    `${worker}, publishing ${rows.toLocaleString('en-US')} rows: ${status} in ${seconds.toFixed(1)} s ${status >= 300 ? text.slice(0, 300) : ''}`,
  );
  console.log(
    `${(total / 1024 / 1024).toFixed(1)} MB outlived a young collection (sampled every ${interval} bytes):`,
  );
  for (const site of sites.slice(0, 20)) {
    console.log(
      `${(site.bytes / 1024 / 1024).toFixed(2).padStart(7)} MB ${(site.share * 100).toFixed(1).padStart(5)} %  ${site.name}`,
    );
  }
  console.log(`whole profile: ${file}`);
} finally {
  await runtime.stop();
}
