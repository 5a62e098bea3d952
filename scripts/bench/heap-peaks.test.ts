import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HeapSample, heapPeaks } from './heap-peaks.ts';

const MiB = 1024 * 1024;

describe('heapPeaks', () => {
  it('keeps the first sample, the highest used and total heaps, and the longest gap', () => {
    const peaks = heapPeaks();
    peaks.add({ at: 0, usedSize: 6 * MiB, totalSize: 10 * MiB });
    peaks.add({ at: 25, usedSize: 40 * MiB, totalSize: 48 * MiB });
    peaks.add({ at: 300, usedSize: 12 * MiB, totalSize: 60 * MiB });
    peaks.add({ at: 330, usedSize: 8 * MiB, totalSize: 20 * MiB });
    expect(peaks.result()).toEqual({
      samples: 4,
      before_mb: 6,
      peak_used_mb: 40,
      peak_total_mb: 60,
      max_gap_ms: 275,
    });
  });

  it('reports zeros, not a crash, when no sample arrived', () => {
    expect(heapPeaks().result()).toEqual({
      samples: 0,
      before_mb: 0,
      peak_used_mb: 0,
      peak_total_mb: 0,
      max_gap_ms: 0,
    });
  });

  it('agrees with a plain maximum over any samples', () => {
    const sample = fc.record({
      step: fc.nat(1_000),
      usedSize: fc.nat(512 * MiB),
      totalSize: fc.nat(512 * MiB),
    });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 50 }), (steps) => {
        let at = 0;
        const samples: HeapSample[] = steps.map(({ step, usedSize, totalSize }) => {
          at += step;
          return { at, usedSize, totalSize };
        });
        const peaks = heapPeaks();
        for (const s of samples) peaks.add(s);
        const round = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
        expect(peaks.result()).toEqual({
          samples: samples.length,
          before_mb: round((samples[0] as HeapSample).usedSize),
          peak_used_mb: round(Math.max(...samples.map((s) => s.usedSize))),
          peak_total_mb: round(Math.max(...samples.map((s) => s.totalSize))),
          max_gap_ms: Math.max(0, ...steps.slice(1).map((s) => s.step)),
        });
      }),
    );
  });
});
