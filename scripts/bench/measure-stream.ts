// One-off: NDJSON publishes of 100,000 and 1,000,000 bench rows against the built bench Worker in
// Miniflare: time, rows/s, workerd RSS, the pages (KV values) each version took, and a full download.
import { performance } from 'node:perf_hooks';
import { downloadOperations, pruneOperations, publishOperations } from '../../src/store/page-layout.ts';
import { putNdjsonOrThrow } from './publish-ndjson.ts';
import { buildBenchWorker, memoryOf, startRuntime } from './runtime.ts';

const sizes = (process.argv[2] ?? '100000,1000000').split(',').map(Number);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const bundle = await buildBenchWorker();
const runtime = await startRuntime(bundle);
const rss = () => runtime.workerdPids.reduce((sum, pid) => sum + (memoryOf(pid)?.rss ?? 0), 0);
try {
  for (const count of sizes) {
    const id = count >= 1_000_000 ? 'bench-1m' : 'bench-100k';
    for (const [round, seed] of [
      [1, 1],
      [2, 2],
    ] as const) {
      const before = rss();
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rss());
      }, 50);
      const t0 = performance.now();
      const { status, answer } = await putNdjsonOrThrow(runtime.assay, runtime.adminToken, id, count, {
        force: true,
        source: { seed },
      }).catch((error) => {
        clearInterval(sampler);
        throw error;
      });
      const ms = performance.now() - t0;
      clearInterval(sampler);
      const kv = await runtime.namespace();
      const listed = await kv.list({ prefix: `ds/${id}/v/${round}/page/` });
      const pages = listed.keys.length;
      console.log(
        JSON.stringify({
          id,
          rows: count,
          round,
          seed,
          status,
          answer,
          ms: Math.round(ms),
          rows_per_s: Math.round(count / (ms / 1000)),
          workerd_rss_before_mb: mb(before),
          workerd_rss_peak_mb: mb(peak),
          pages,
          publish_operations: publishOperations(pages),
          prune_operations_of_this_version: pruneOperations(pages),
          download_operations: downloadOperations(pages),
        }),
      );
    }
    const t0 = performance.now();
    const res = await fetch(`${runtime.assay}/v1/datasets/${id}`);
    let bytes = 0;
    for await (const chunk of res.body as ReadableStream<Uint8Array>) bytes += chunk.byteLength;
    const ms = performance.now() - t0;
    console.log(
      JSON.stringify({ id, download: res.status, mb: mb(bytes), ms: Math.round(ms), rss_mb: mb(rss()) }),
    );
  }
} finally {
  await runtime.stop();
}
