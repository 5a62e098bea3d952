import { describe, expect, it } from 'vitest';
import { kvReads, median, percentile, spread } from './stats.ts';

describe('bench statistics', () => {
  it('takes medians of odd and even counts without reordering the input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('picks percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([0.25], 0.99)).toBe(0.25);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('reports the spread of rounds relative to their median', () => {
    expect(spread([90, 100, 120])).toEqual({ median: 100, min: 90, max: 120, relative: 0.3 });
  });
});

describe('Server-Timing KV counters', () => {
  it('reads the request and isolate totals', () => {
    expect(kvReads('kv;desc="reads=2", kv-isolate;desc="reads=517"')).toEqual({ request: 2, isolate: 517 });
  });

  it('finds them among other metrics and tells kv from kv-isolate', () => {
    const header = 'cfCacheStatus;desc="MISS", kv-isolate;desc="reads=9", kv;dur=1.5;desc="reads=0"';
    expect(kvReads(header)).toEqual({ request: 0, isolate: 9 });
  });

  it('answers null when the counters are missing', () => {
    expect(kvReads(null)).toBeNull();
    expect(kvReads('kv;desc="reads=1"')).toBeNull();
  });
});
