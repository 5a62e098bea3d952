import { describe, expect, it } from 'vitest';
import { watch } from './watch.ts';

describe('watch', () => {
  it('never overlaps runs, carries on after a failed one, and stops on abort', async () => {
    const stop = new AbortController();
    const errors: unknown[] = [];
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    await watch(
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        if (runs === 2) throw new Error('the second run fails');
        if (runs === 4) stop.abort();
      },
      10,
      stop.signal,
      (error) => errors.push(error),
    );
    expect(runs).toBe(4);
    expect(maxRunning).toBe(1);
    expect(errors.map((e) => (e as Error).message)).toEqual(['the second run fails']);
  });

  it('an abort ends the wait between runs at once', async () => {
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(), 50);
    await watch(
      async () => {},
      60_000,
      stop.signal,
      () => {},
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
