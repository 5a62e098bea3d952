import type { RetryConfig } from 'gaxios';

/**
 * How long a source or the target may keep failing before the run gives up (exit 3). The budget
 * bounds the whole of one call, waits included, so a scheduled run never hangs on a sick API.
 */
export interface RetryPolicy {
  budgetMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  budgetMs: 60_000,
  initialDelayMs: 1_000,
  maxDelayMs: 15_000,
};

/** A shorter budget also shortens the first wait, so a small budget still leaves room for retries. */
export function retryPolicyWithin(budgetMs: number): RetryPolicy {
  return {
    budgetMs,
    initialDelayMs: Math.min(defaultRetryPolicy.initialDelayMs, Math.max(10, Math.round(budgetMs / 8))),
    maxDelayMs: Math.min(defaultRetryPolicy.maxDelayMs, budgetMs),
  };
}

/** Rate limits, timeouts and server errors pass; other 4xx answers will not change by asking again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** `Retry-After` as seconds or an HTTP date → milliseconds to wait; undefined if absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt + 1`, or undefined to give up: exponential from the initial
 * delay, or exactly what the server asked for in `Retry-After`, and never past the budget (waiting
 * out a Retry-After that ends after the budget would only delay the same failure).
 */
export function nextRetryDelay(
  policy: RetryPolicy,
  attempt: number,
  elapsedMs: number,
  retryAfter?: number,
): number | undefined {
  const delay = retryAfter ?? Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt);
  return elapsedMs + delay > policy.budgetMs ? undefined : delay;
}

type GaxiosLikeError = Parameters<NonNullable<RetryConfig['shouldRetry']>>[0];

function headerOf(error: GaxiosLikeError, name: string): string | null {
  // gaxios's Headers need not be this realm's Headers class, so go by shape, not instanceof.
  const headers = error.response?.headers as { get?: unknown } | Record<string, unknown> | undefined;
  if (typeof headers?.get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : null;
}

function delayFor(policy: RetryPolicy, error: GaxiosLikeError): number | undefined {
  const config = error.config.retryConfig ?? {};
  if (error.config.signal?.aborted) return undefined;
  const status = error.response?.status;
  if (status !== undefined && !isRetryableStatus(status)) return undefined;
  const now = Date.now();
  const elapsed = now - (config.timeOfFirstRequest ?? now);
  return nextRetryDelay(
    policy,
    config.currentRetryAttempt ?? 0,
    elapsed,
    retryAfterMs(headerOf(error, 'retry-after'), now),
  );
}

/**
 * gaxios retry settings for the Sheets client. Its defaults retry three times, never a POST (the
 * status tab's `batchUpdate`) and ignore `Retry-After`; here every method is retried (the writes are
 * idempotent: a second addSheet of an existing tab is handled by the caller), waits follow
 * `nextRetryDelay`, and the budget, not a count, ends the retries.
 */
export function googleRetryConfig(policy: RetryPolicy): RetryConfig {
  const decided = new WeakMap<object, number>();
  return {
    retry: 100,
    noResponseRetries: 100,
    httpMethodsToRetry: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
    statusCodesToRetry: [
      [408, 408],
      [429, 429],
      [500, 599],
    ],
    shouldRetry: (error) => {
      const delay = delayFor(policy, error);
      if (delay !== undefined) decided.set(error, delay);
      return delay !== undefined;
    },
    // gaxios counts the attempt between the two calls, so the wait decided above is reused, not recomputed.
    retryBackoff: (error) => new Promise((resolve) => setTimeout(resolve, decided.get(error) ?? 0)),
  };
}
