import { describe, expect, it } from 'vitest';
import type { KvStore } from '../store/kv.ts';
import { retryingStore } from './retrying-store.ts';

describe('retryingStore', () => {
  function flaky(failures: Error[]) {
    const puts: string[] = [];
    const store = {
      put: async (key: string) => {
        const failure = failures.shift();
        if (failure) throw failure;
        puts.push(key);
      },
    } as unknown as KvStore;
    return { store, puts };
  }

  it('writes again after KV refuses a write as too many for the key', async () => {
    const { store, puts } = flaky([new Error('KV PUT failed: 429 Too Many Requests')]);
    await retryingStore(store, [1, 1]).put('head', 'x');
    expect(puts).toEqual(['head']);
  });

  it('gives up after its pauses, and never retries other failures', async () => {
    const limited = () => new Error('429 Too Many Requests');
    const { store } = flaky([limited(), limited(), limited()]);
    await expect(retryingStore(store, [1, 1]).put('head', 'x')).rejects.toThrow(/429/);
    const broken = flaky([new Error('KV PUT failed: 500'), limited()]);
    await expect(retryingStore(broken.store, [1, 1]).put('head', 'x')).rejects.toThrow(/500/);
    expect(broken.puts).toEqual([]);
  });
});
