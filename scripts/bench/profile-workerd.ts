/**
 * `node scripts/bench/profile-workerd.ts [path] [--if-none-match] [--seconds N]`: where a hot
 * request's time goes inside workerd itself. Runs the bench Worker (unminified, so functions keep
 * their names) in Miniflare with the runtime's inspector, publishes the 100-row synthetic dataset,
 * loads one path with autocannon (10 connections, pinned as in the bench) while V8's sampling
 * profiler runs in the Assay isolate, then prints each function's own share of the isolate's busy
 * samples and writes the whole profile to a .cpuprofile file (open it in Chrome DevTools). Then the
 * same for the floor Worker sending the path's same-headers floor (floors.ts), so the two profiles
 * differ by Assay's JavaScript alone. The samples cover the isolates only: workerd's HTTP and socket
 * work happens outside them.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CpuProfile, selfTimes } from './cpu-profile.ts';
import { floorsOf, shapeOf } from './floors.ts';
import { isolateTargets, openSession } from './heap-sampler.ts';
import type { LoadJob, LoadResult } from './load-child.ts';
import { putDatasetOrThrow } from './publish.ts';
import { buildBenchWorker, isolates, pin, startRuntime } from './runtime.ts';
import { syntheticRows } from './synthetic.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'if-none-match': { type: 'boolean' }, seconds: { type: 'string' } },
});
const path = positionals[0] ?? '/v1/datasets/bench-100';
const seconds = Number(values.seconds ?? '5');

const runtime = await startRuntime(await buildBenchWorker({ minify: false }));
const loader = fork(join(import.meta.dirname, 'load-child.ts'), [], { stdio: 'inherit' });
const load = (job: LoadJob) =>
  new Promise<LoadResult>((resolve, reject) => {
    loader.once('message', (message: { ok: boolean; result?: LoadResult; message?: string }) =>
      message.ok && message.result ? resolve(message.result) : reject(new Error(message.message)),
    );
    loader.send(job);
  });
try {
  for (const pid of runtime.workerdPids) pin(pid, 0);
  if (loader.pid !== undefined) pin(loader.pid, 1);
  await putDatasetOrThrow(
    runtime.assay,
    runtime.adminToken,
    'bench-100',
    JSON.stringify({ rows: syntheticRows(100) }),
  );
  const url = `${runtime.assay}${path}`;
  const answer = await fetch(url);
  const etag = answer.headers.get('etag') ?? '';
  const headers: Record<string, string> = values['if-none-match'] ? { 'if-none-match': etag } : {};
  // The floor answers with the path's own status, headers and body size (floors.ts), so the two
  // profiles differ by Assay's JavaScript alone.
  const kept = await fetch(url, { headers });
  const size = (await kept.arrayBuffer()).byteLength;
  const shape = shapeOf(path, kept.status, size, kept.headers);
  await fetch(`${runtime.floor}/shapes`, { method: 'POST', body: JSON.stringify(shape) });
  const { sameHeaders } = floorsOf(
    path,
    values['if-none-match'] ? 'not-modified' : 'body',
    kept.status,
    size,
  );
  await answer.arrayBuffer();

  const profileOf = async (worker: string, target: string) => {
    const job = { url: target, headers, connections: 10, duration: seconds, warmup: 1 };
    await load({ ...job, duration: 1, warmup: 0 });
    const targets = await isolateTargets(runtime.inspector, [worker]);
    const session = await openSession(targets.get(worker) as string);
    await session.call('Profiler.enable');
    // Every 100 µs of the isolate's time: a small kept response takes about that.
    await session.call('Profiler.setSamplingInterval', { interval: 100 });
    await session.call('Profiler.start');
    const result = await load({ ...job, warmup: 0 });
    const { profile } = await session.call<{ profile: CpuProfile }>('Profiler.stop');
    session.close();
    const file = join(tmpdir(), `${worker}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const times = selfTimes(profile);
    const busy = times.reduce((n, t) => n + t.samples, 0);
    console.log(
      `${worker} ${target}${values['if-none-match'] ? ' (If-None-Match)' : ''}: ${Math.round(result.rps)} req/s, ` +
        `statuses ${JSON.stringify(result.statuses)}; ${busy} busy samples of ${profile.samples.length}, ` +
        `${(busy / result.requests).toFixed(2)} a request`,
    );
    for (const t of times.slice(0, 25)) console.log(`${(t.share * 100).toFixed(1).padStart(5)} %  ${t.name}`);
    console.log(`whole profile: ${file}\n`);
  };
  await profileOf(isolates.worker, url);
  await profileOf('floor', `${runtime.floor}${sameHeaders.path}`);
} finally {
  loader.kill();
  await runtime.stop();
}
