import type { KvStore } from '../store/kv.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** KV's answer to a second write of one key within a second. */
const isRateLimited = (error: unknown) => /\b429\b|too many requests/i.test(String(error));

/**
 * KV accepts one write per second per key, and every publish rewrites the dataset's head, history and
 * catalogue entry: a rollback right after a publish would be refused. Writes refused that way are tried
 * again after a pause; any other failure is left to fail the publish.
 */
export function retryingStore(inner: KvStore, delaysMs: readonly number[] = [1_100, 2_000, 4_000]): KvStore {
  return {
    ...inner,
    async put(key, value) {
      for (const delay of delaysMs) {
        try {
          return await inner.put(key, value);
        } catch (error) {
          if (!isRateLimited(error)) throw error;
          await sleep(delay);
        }
      }
      return inner.put(key, value);
    },
  };
}
