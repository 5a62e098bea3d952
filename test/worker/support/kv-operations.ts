import type { KvStore } from '../../../src/store/kv.ts';

/**
 * Counts KV operations as the limit of 1,000 per invocation counts them: a bulk read of up to 100 keys
 * is one, and so is each list call (up to 1,000 keys). `pruning` counts the lists and deletes alone,
 * which only a prune (or the clean-up of a stopped attempt) makes.
 */
export function operationCounting(inner: KvStore) {
  const count = { operations: 0, pruning: 0 };
  const store: KvStore = {
    getText(key) {
      count.operations++;
      return inner.getText(key);
    },
    getBytes(key) {
      count.operations++;
      return inner.getBytes(key);
    },
    getTexts(keys) {
      count.operations += Math.ceil(keys.length / 100);
      return inner.getTexts(keys);
    },
    put(key, value) {
      count.operations++;
      return inner.put(key, value);
    },
    delete(key) {
      count.operations++;
      count.pruning++;
      return inner.delete(key);
    },
    async list(prefix) {
      const found = await inner.list(prefix);
      const operations = Math.max(1, Math.ceil(found.length / 1000));
      count.operations += operations;
      count.pruning += operations;
      return found;
    },
  };
  return { store, count };
}
