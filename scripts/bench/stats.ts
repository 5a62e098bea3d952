/** Pure helpers of the benchmark: order statistics, spread, and the Worker's Server-Timing header. */

/** The q-quantile (0..1) of some numbers, by the nearest-rank method; NaN for none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.toSorted((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** (max − min) / median: how far apart the rounds were, as a fraction of the median. */
  relative: number;
}

export function spread(values: readonly number[]): Spread {
  const m = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: m, min, max, relative: values.length === 0 || m === 0 ? Number.NaN : (max - min) / m };
}

/**
 * The KV read counters the Worker reports in `Server-Timing`:
 * `kv;desc="reads=N", kv-isolate;desc="reads=M"` → { request: N, isolate: M }.
 */
export function kvReads(header: string | null | undefined): { request: number; isolate: number } | null {
  if (!header) return null;
  const metric = (name: string) => {
    const match = new RegExp(`(?:^|,)\\s*${name}\\s*;[^,]*?desc="reads=(\\d+)"`).exec(header);
    return match ? Number(match[1]) : undefined;
  };
  const request = metric('kv');
  const isolate = metric('kv-isolate');
  return request === undefined || isolate === undefined ? null : { request, isolate };
}
