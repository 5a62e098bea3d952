import type { HeapPeak } from './heap-peaks.ts';
import type { DownloadMeasure, PublishMeasure } from './publish.ts';
import type { TargetCheck } from './results-table.ts';

/** Issue 18's limits: a publish's every isolate, and a full download's Worker, in MB of JS heap. */
export const heapLimitMb = { publish: 64, download: 32 } as const;
/** Cloudflare's limit of KV operations per invocation. */
export const kvOperationLimit = 1_000;

export interface PublishSide {
  publishes: readonly PublishMeasure[];
  downloads: readonly DownloadMeasure[];
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const succeeded = (m: { status: number }) => m.status >= 200 && m.status < 300;
const heapCell = (h: HeapPeak) => `${h.peak_used_mb} (${h.before_mb}; gap ${int(h.max_gap_ms)} ms)`;
const outcome = (m: { status: number; error?: string }) =>
  succeeded(m) ? String(m.status) : `${m.status || 'none'}: ${m.error ?? ''}`.replace(/\|/g, '\\|');

/** What a publish over an earlier version changed; nothing for a dataset's first. */
const overPrevious = ({ changes, rows }: PublishMeasure) =>
  changes && changes.added < rows
    ? `, over the previous version (${int(changes.changed)} changed, ${int(changes.added)} added, ${int(changes.removed)} removed)`
    : '';

/** The publishes and downloads as Markdown table lines. */
export function publishLines(side: PublishSide): string[] {
  const lines = [
    '| request | rows | body MB | answer | time s | rows/s | Worker heap peak MB (before; longest gap) | writer heap peak MB (before; longest gap) | KV operations Worker / writer | workerd RSS MB before → peak |',
    '|---|--:|--:|---|--:|--:|--:|--:|--:|--:|',
  ];
  const row = (name: string, rows: number, m: PublishMeasure | DownloadMeasure, rate: string) =>
    `| ${name} | ${int(rows)} | ${mb(m.body_bytes)} | ${outcome(m)} | ${(m.ms / 1000).toFixed(2)} | ${rate} | ${heapCell(m.heap.worker)} | ${heapCell(m.heap.writer)} | ${int(m.kv_operations.worker.operations)} / ${int(m.kv_operations.writer.operations)} | ${m.workerd_rss_before_mb} → ${m.workerd_rss_peak_mb} |`;
  for (const p of side.publishes) {
    lines.push(
      row(`publish (${p.format})${overPrevious(p)}`, p.rows, p, succeeded(p) ? int(p.rows_per_s) : '–'),
    );
  }
  for (const d of side.downloads) lines.push(row(`full download ${d.path}`, rowsOf(side, d.dataset), d, '–'));
  return lines;
}

const rowsOf = (side: PublishSide, dataset: string) =>
  side.publishes.find((p) => p.dataset === dataset)?.rows ?? 0;

/** Issue 18's targets for the publish side, checked against one run. */
export function publishTargets(side: PublishSide): TargetCheck[] {
  const list: TargetCheck[] = [];
  for (const p of side.publishes) {
    const peaks = `Worker ${p.heap.worker.peak_used_mb} MB, writer ${p.heap.writer.peak_used_mb} MB`;
    list.push({
      what: `publish ${int(p.rows)} rows × 12 columns (${p.format})${overPrevious(p)}: succeeds, every isolate's JS heap`,
      goal: `2xx, each < ${heapLimitMb.publish} MB`,
      measured: succeeded(p) ? peaks : `${outcome(p)} (${peaks} up to then)`,
      met:
        succeeded(p) &&
        p.heap.worker.peak_used_mb < heapLimitMb.publish &&
        p.heap.writer.peak_used_mb < heapLimitMb.publish,
    });
    list.push(kvTarget(`publish ${int(p.rows)} rows${overPrevious(p)}`, p));
  }
  for (const d of side.downloads) {
    const rows = int(rowsOf(side, d.dataset));
    list.push({
      what: `full download of ${rows} rows: the Worker's JS heap`,
      goal: `2xx, < ${heapLimitMb.download} MB`,
      measured: succeeded(d) ? `${d.heap.worker.peak_used_mb} MB` : outcome(d),
      met: succeeded(d) && d.heap.worker.peak_used_mb < heapLimitMb.download,
    });
    list.push(kvTarget(`full download of ${rows} rows`, d));
  }
  return list;
}

function kvTarget(what: string, m: PublishMeasure | DownloadMeasure): TargetCheck {
  const { worker, writer } = m.kv_operations;
  return {
    what: `${what}: KV operations per invocation`,
    goal: `< ${int(kvOperationLimit)} each`,
    measured: `Worker ${int(worker.operations)}, writer ${int(writer.operations)}${succeeded(m) ? '' : ' (failed)'}`,
    met: succeeded(m) && worker.operations < kvOperationLimit && writer.operations < kvOperationLimit,
  };
}
