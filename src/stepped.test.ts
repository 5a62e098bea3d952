import { describe, expect, it } from 'vitest';
import { stepped } from './stepped.ts';

describe('stepped', () => {
  it('lets work queued meanwhile run between steps, and answers the result', async () => {
    const order: string[] = [];
    function* steps(): Generator<void, string> {
      order.push('step 1');
      // Queued as a request's task would be: it must run before the next step, not after the job.
      setTimeout(() => order.push('other work'), 0);
      yield;
      order.push('step 2');
      yield;
      order.push('step 3');
      return 'done';
    }
    expect(await stepped(steps())).toBe('done');
    expect(order).toEqual(['step 1', 'other work', 'step 2', 'step 3']);
  });
});
