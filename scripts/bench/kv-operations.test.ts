import { describe, expect, it } from 'vitest';
import { countingNamespace, kvOperationsBetween, noKvOperations } from './kv-operations.ts';

/** A stand-in namespace that records what reaches it (the wrapper, not KV, is under test here). */
function recordingNamespace() {
  const calls: [string, unknown[]][] = [];
  const record =
    (name: string, answer: unknown) =>
    (...args: unknown[]) => {
      calls.push([name, args]);
      return Promise.resolve(answer);
    };
  const namespace = {
    get: record('get', 'value'),
    getWithMetadata: record('getWithMetadata', { value: 'value', metadata: null }),
    put: record('put', undefined),
    delete: record('delete', undefined),
    list: record('list', { keys: [], list_complete: true }),
  };
  return { namespace: namespace as unknown as KVNamespace, calls };
}

describe('countingNamespace', () => {
  it('counts as the limit per invocation does: a bulk read of up to 100 keys is one operation', async () => {
    const { namespace, calls } = recordingNamespace();
    const tally = noKvOperations();
    const kv = countingNamespace(namespace, tally);
    expect(await kv.get('a', 'text')).toBe('value');
    await kv.get(['a', 'b'], 'text');
    await kv.get(
      Array.from({ length: 100 }, (_, i) => `k${i}`),
      'text',
    );
    await kv.get(
      Array.from({ length: 101 }, (_, i) => `k${i}`),
      'text',
    );
    await kv.getWithMetadata('a');
    await kv.put('a', 'x');
    await kv.delete('a');
    await kv.list({ prefix: 'p' });
    expect(tally).toEqual({ operations: 9, reads: 6, writes: 1, deletes: 1, lists: 1 });
    // Every call reaches the namespace unchanged.
    expect(calls.map(([name]) => name)).toEqual([
      'get',
      'get',
      'get',
      'get',
      'getWithMetadata',
      'put',
      'delete',
      'list',
    ]);
    expect(calls[5]).toEqual(['put', ['a', 'x']]);
  });

  it('tells the operations between two totals, kind by kind', () => {
    const before = { operations: 10, reads: 7, writes: 2, deletes: 0, lists: 1 };
    const after = { operations: 25, reads: 8, writes: 14, deletes: 1, lists: 2 };
    expect(kvOperationsBetween(before, after)).toEqual({
      operations: 15,
      reads: 1,
      writes: 12,
      deletes: 1,
      lists: 1,
    });
  });
});
