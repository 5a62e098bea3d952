import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureDownload, measurePublish } from './publish.ts';
import { type BenchRuntime, buildBenchWorker, startRuntime } from './runtime.ts';

// The bench's own runtime: the bench build, the Worker and its Durable Objects in two isolates.
describe('measured publishes and downloads in the bench runtime', () => {
  let bundle: string;
  let runtime: BenchRuntime;
  beforeAll(async () => {
    bundle = await buildBenchWorker();
    runtime = await startRuntime(bundle);
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    if (bundle) await rm(dirname(bundle), { recursive: true, force: true });
  });

  it('counts the writer isolate writing every key of a publish, and the Worker none', async () => {
    const published = await measurePublish(runtime, 'bench-100', 100, 'json');
    expect(published).toMatchObject({ status: 201, rows: 100, format: 'json' });
    expect(published.error).toBeUndefined();
    expect(published.rows_per_s).toBeGreaterThan(0);
    const namespace = await runtime.namespace();
    const keys = (await namespace.list()).keys.length;
    // A first publish writes each of its keys once, from the Durable Object's isolate.
    expect(published.kv_operations.writer).toEqual({
      operations: keys,
      reads: 0,
      writes: keys,
      deletes: 0,
      lists: 0,
    });
    expect(published.kv_operations.worker.writes).toBe(0);
    for (const heap of Object.values(published.heap)) {
      expect(heap.samples).toBeGreaterThan(0);
      expect(heap.peak_used_mb).toBeGreaterThan(0);
    }
  });

  it("counts a download's reads in the Worker's isolate, and none in the writer's", async () => {
    const downloaded = await measureDownload(runtime, 'bench-100', 100);
    expect(downloaded).toMatchObject({ status: 200, path: '/v1/datasets/bench-100' });
    expect(downloaded.body_bytes).toBeGreaterThan(100 * 100);
    expect(downloaded.kv_operations.worker.reads).toBeGreaterThan(0);
    expect(downloaded.kv_operations.worker.writes).toBe(0);
    expect(downloaded.kv_operations.writer.operations).toBe(0);
  });

  it('records a refused publish with its status and reason instead of throwing', async () => {
    const refused = await measurePublish(runtime, 'no-such-dataset', 10, 'json');
    expect(refused.status).toBe(404);
    expect(refused.error).toContain('no-such-dataset');
    expect(refused.rows_per_s).toBe(0);
  });
});
