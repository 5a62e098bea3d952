import { describe, expect, it } from 'vitest';
import { isRetryableStatus, nextRetryDelay, retryAfterMs, retryPolicyWithin } from './retry.ts';

const policy = { budgetMs: 10_000, initialDelayMs: 500, maxDelayMs: 3_000 };

describe('retries', () => {
  it('retries rate limits, timeouts and server errors only', () => {
    expect([408, 429, 500, 503, 599].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });

  it('backs off exponentially up to the longest wait', () => {
    expect([0, 1, 2, 3].map((attempt) => nextRetryDelay(policy, attempt, 0))).toEqual([
      500, 1_000, 2_000, 3_000,
    ]);
  });

  it('waits exactly as long as Retry-After asks', () => {
    expect(nextRetryDelay(policy, 0, 0, 4_000)).toBe(4_000);
    expect(retryAfterMs('2', 0)).toBe(2_000);
    expect(retryAfterMs('Sat, 28 Nov 2026 13:00:03 GMT', Date.parse('Sat, 28 Nov 2026 13:00:00 GMT'))).toBe(
      3_000,
    );
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });

  it('gives up rather than wait past the budget', () => {
    expect(nextRetryDelay(policy, 2, 8_500)).toBeUndefined();
    expect(nextRetryDelay(policy, 0, 0, 20_000)).toBeUndefined();
  });

  it('a small budget starts with small waits', () => {
    expect(retryPolicyWithin(1_600)).toEqual({ budgetMs: 1_600, initialDelayMs: 200, maxDelayMs: 1_600 });
  });
});
