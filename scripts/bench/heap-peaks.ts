/** One answer of the DevTools protocol's `Runtime.getHeapUsage`, with when it arrived (ms). */
export interface HeapSample {
  at: number;
  usedSize: number;
  totalSize: number;
}

/** What the bench reports for one isolate over one measured request. */
export interface HeapPeak {
  samples: number;
  /** JS heap in use when sampling started. */
  before_mb: number;
  /** Highest JS heap in use (`usedSize`): live objects and garbage not yet collected. */
  peak_used_mb: number;
  /** Highest heap V8 had reserved (`totalSize`), which bounds `usedSize` from above. */
  peak_total_mb: number;
  /**
   * The longest wait between two answers. The inspector answers between JavaScript tasks, so a long
   * synchronous step (parsing a whole body, say) shows up here, and a peak inside it may be missed.
   */
  max_gap_ms: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Folds heap samples, in arrival order, into their peaks. */
export function heapPeaks() {
  let first: HeapSample | undefined;
  let last: HeapSample | undefined;
  let samples = 0;
  let used = 0;
  let total = 0;
  let gap = 0;
  return {
    add(sample: HeapSample) {
      first ??= sample;
      if (last) gap = Math.max(gap, sample.at - last.at);
      last = sample;
      samples++;
      used = Math.max(used, sample.usedSize);
      total = Math.max(total, sample.totalSize);
    },
    result(): HeapPeak {
      return {
        samples,
        before_mb: mb(first?.usedSize ?? 0),
        peak_used_mb: mb(used),
        peak_total_mb: mb(total),
        max_gap_ms: Math.round(gap),
      };
    },
  };
}
