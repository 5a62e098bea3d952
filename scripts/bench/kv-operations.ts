/** KV operations as the limit of 1,000 per invocation counts them, by kind. */
export interface KvOperations {
  operations: number;
  reads: number;
  writes: number;
  deletes: number;
  lists: number;
}

export const noKvOperations = (): KvOperations => ({
  operations: 0,
  reads: 0,
  writes: 0,
  deletes: 0,
  lists: 0,
});

/** `after − before`, kind by kind: the operations of what ran in between. */
export function kvOperationsBetween(before: KvOperations, after: KvOperations): KvOperations {
  return {
    operations: after.operations - before.operations,
    reads: after.reads - before.reads,
    writes: after.writes - before.writes,
    deletes: after.deletes - before.deletes,
    lists: after.lists - before.lists,
  };
}

/**
 * The KV binding, counting into `tally` every operation made through it: a read of one key, or a
 * bulk read of up to 100, is one (more keys count one per 100); a write and a delete are one each; a
 * list call (up to 1,000 keys) is one. Counted at the binding, below the app's own store, so it sees
 * every call the Worker and the writer make, whichever code path makes it.
 */
export function countingNamespace(inner: KVNamespace, tally: KvOperations): KVNamespace {
  const count = (kind: Exclude<keyof KvOperations, 'operations'>, n = 1) => {
    tally[kind] += n;
    tally.operations += n;
  };
  const reads = (key: unknown) => (Array.isArray(key) ? Math.max(1, Math.ceil(key.length / 100)) : 1);
  return new Proxy(inner, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        if (property === 'get' || property === 'getWithMetadata') count('reads', reads(args[0]));
        else if (property === 'put') count('writes');
        else if (property === 'delete') count('deletes');
        else if (property === 'list') count('lists');
        return method.apply(target, args);
      };
    },
  });
}
