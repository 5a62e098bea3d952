import { describe, expect, it } from 'vitest';
import { createResponseCache } from './http/response-cache.ts';
import { cacheBudget, cacheBudgetTotal } from './memory-budget.ts';
import { createReaderCaches } from './store/reader.ts';

const MB = 1024 * 1024;

describe("the isolate's memory budget", () => {
  it('is what the caches are made with by default', () => {
    const responses = createResponseCache();
    expect(responses.immutable.maxWeight + responses.moving.maxWeight).toBe(cacheBudget.responses);
    expect(createReaderCaches().pages.maxWeight).toBe(cacheBudget.pages);
  });

  it('leaves a large download and a publish their room: the caches take at most 16 of 128 MB', () => {
    expect(cacheBudgetTotal).toBe(cacheBudget.responses + cacheBudget.pages + cacheBudget.selections);
    expect(cacheBudgetTotal).toBeLessThanOrEqual(16 * MB);
  });
});
