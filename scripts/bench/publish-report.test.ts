import { describe, expect, it } from 'vitest';
import type { HeapPeak } from './heap-peaks.ts';
import type { KvOperations } from './kv-operations.ts';
import type { DownloadMeasure, PublishMeasure } from './publish.ts';
import { publishLines, publishTargets } from './publish-report.ts';

const heap = (peak: number, before = 5): HeapPeak => ({
  samples: 40,
  before_mb: before,
  peak_used_mb: peak,
  peak_total_mb: peak + 20,
  max_gap_ms: 120,
});
const ops = (writes: number, reads = 0): KvOperations => ({
  operations: writes + reads,
  reads,
  writes,
  deletes: 0,
  lists: 0,
});
const common = { workerd_rss_before_mb: 120, workerd_rss_peak_mb: 300, workerd_hwm_mb: 310 };

const published: PublishMeasure = {
  dataset: 'bench-100k',
  rows: 100_000,
  format: 'ndjson',
  body_bytes: 21_246_427,
  status: 201,
  ms: 4_000,
  rows_per_s: 25_000,
  heap: { worker: heap(12.5), writer: heap(40.2) },
  kv_operations: { worker: ops(0), writer: ops(168) },
  ...common,
};
const refused: PublishMeasure = {
  ...published,
  dataset: 'bench-1m',
  rows: 1_000_000,
  body_bytes: 65_536,
  status: 415,
  error: 'The body is not application/json | x.',
  ms: 30,
  rows_per_s: 0,
  heap: { worker: heap(6.1), writer: heap(5) },
  kv_operations: { worker: ops(0), writer: ops(0) },
};
const downloaded: DownloadMeasure = {
  dataset: 'bench-100k',
  path: '/v1/datasets/bench-100k',
  body_bytes: 21_346_700,
  status: 200,
  ms: 1_500,
  heap: { worker: heap(6.3), writer: heap(4.8) },
  kv_operations: { worker: ops(0, 164), writer: ops(0) },
  ...common,
};

describe('publishLines', () => {
  it('shows each publish and download with its heaps per isolate and KV operations', () => {
    const lines = publishLines({ publishes: [published, refused], downloads: [downloaded] });
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe(
      '| publish (ndjson) | 100,000 | 20.3 | 201 | 4.00 | 25,000 | 12.5 (5; gap 120 ms) | 40.2 (5; gap 120 ms) | 0 / 168 | 120 → 300 |',
    );
    // A refusal shows its status and reason (a pipe in it escaped) and no rate.
    expect(lines[3]).toContain('| 415: The body is not application/json \\| x. | 0.03 | – |');
    expect(lines[4]).toBe(
      '| full download /v1/datasets/bench-100k | 100,000 | 20.4 | 200 | 1.50 | – | 6.3 (5; gap 120 ms) | 4.8 (5; gap 120 ms) | 164 / 0 | 120 → 300 |',
    );
  });
});

describe('publishTargets', () => {
  it('checks every isolate of a publish against 64 MB, a download against 32 MB, and KV against 1,000', () => {
    const checks = publishTargets({ publishes: [published, refused], downloads: [downloaded] });
    expect(checks.map((c) => [c.what, c.met])).toEqual([
      ["publish 100,000 rows × 12 columns (ndjson): succeeds, every isolate's JS heap", true],
      ['publish 100,000 rows: KV operations per invocation', true],
      ["publish 1,000,000 rows × 12 columns (ndjson): succeeds, every isolate's JS heap", false],
      ['publish 1,000,000 rows: KV operations per invocation', false],
      ["full download of 100,000 rows: the Worker's JS heap", true],
      ['full download of 100,000 rows: KV operations per invocation', true],
    ]);
    expect(checks[0]?.measured).toBe('Worker 12.5 MB, writer 40.2 MB');
    expect(checks[2]?.measured).toBe(
      '415: The body is not application/json \\| x. (Worker 6.1 MB, writer 5 MB up to then)',
    );
    expect(checks[5]?.measured).toBe('Worker 164, writer 0');
  });

  it('names a publish over an earlier version by what it changed', () => {
    const republished: PublishMeasure = {
      ...published,
      changes: { added: 10, removed: 5, changed: 99_990 },
    };
    const first: PublishMeasure = { ...published, changes: { added: 100_000, removed: 0, changed: 0 } };
    expect(
      publishLines({ publishes: [first, republished], downloads: [] })
        .slice(2, 4)
        .map((l) => l.split(' | ')[0]),
    ).toEqual([
      '| publish (ndjson)',
      '| publish (ndjson), over the previous version (99,990 changed, 10 added, 5 removed)',
    ]);
    expect(publishTargets({ publishes: [republished], downloads: [] })[1]?.what).toBe(
      'publish 100,000 rows, over the previous version (99,990 changed, 10 added, 5 removed): KV operations per invocation',
    );
  });

  it('misses the heap target at the limit itself, and the KV target at 1,000 operations', () => {
    const heavy = {
      ...published,
      heap: { worker: heap(12), writer: heap(64) },
      kv_operations: { worker: ops(0), writer: ops(1_000) },
    };
    const [heapCheck, kvCheck] = publishTargets({ publishes: [heavy], downloads: [] });
    expect(heapCheck?.met).toBe(false);
    expect(kvCheck).toMatchObject({ met: false, measured: 'Worker 0, writer 1,000' });
  });
});
