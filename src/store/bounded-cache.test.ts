import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.ts';

describe('BoundedCache', () => {
  it('evicts the least recently used past its weight', () => {
    const cache = new BoundedCache<string>({ maxWeight: 6, weigh: (v) => v.length });
    cache.set('a', 'aa');
    cache.set('b', 'bb');
    cache.get('a');
    cache.set('c', 'cccc');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aa');
    expect(cache.get('c')).toBe('cccc');
    cache.set('huge', 'x'.repeat(7));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('expires entries after their time to live, and keeps a cached null', () => {
    let now = 0;
    const cache = new BoundedCache<string | null>({ maxWeight: 10, ttlMs: 100, now: () => now });
    cache.set('gone', null);
    expect(cache.get('gone')).toBeNull();
    now = 100;
    expect(cache.get('gone')).toBeUndefined();
  });

  it('offers an expired entry as stale only within its stale time, and a fresh one never', () => {
    let now = 0;
    const cache = new BoundedCache<string>({ maxWeight: 10, ttlMs: 100, staleMs: 50, now: () => now });
    cache.set('k', 'v');
    expect([cache.get('k'), cache.getStale('k')]).toEqual(['v', undefined]);
    now = 100;
    // get sees it gone but does not forget it while it may still be sent stale.
    expect([cache.get('k'), cache.getStale('k')]).toEqual([undefined, 'v']);
    now = 150;
    expect([cache.getStale('k'), cache.get('k')]).toEqual([undefined, undefined]);
    cache.set('k', 'again');
    expect(cache.get('k')).toBe('again');
  });

  it('answers get and getStale at any times as the time to live and stale time say', () => {
    const read = fc.record({ after: fc.nat(120), stale: fc.boolean() });
    fc.assert(
      fc.property(fc.nat(60), fc.nat(60), fc.array(read, { maxLength: 12 }), (ttlMs, staleMs, reads) => {
        let now = 0;
        const cache = new BoundedCache<string>({ maxWeight: 10, ttlMs, staleMs, now: () => now });
        cache.set('k', 'v');
        for (const { after, stale } of reads) {
          now += after;
          const fresh = now < ttlMs;
          const withinStale = !fresh && now < ttlMs + staleMs;
          const expected = (stale ? withinStale : fresh) ? 'v' : undefined;
          expect(stale ? cache.getStale('k') : cache.get('k')).toBe(expected);
        }
      }),
    );
  });

  it('refreshes an entry read again after another was kept, so the other goes first', () => {
    const cache = new BoundedCache<number>({ maxWeight: 2 });
    cache.set('a', 1);
    cache.get('a');
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('keeps what a plain least-recently-used list keeps, whatever the reads, writes and deletes', () => {
    const key = fc.integer({ min: 0, max: 3 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key }),
      fc.record({ kind: fc.constant('set' as const), key, weight: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), key }),
      fc.record({ kind: fc.constant('clear' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        // Small enough that most writes evict: eviction is what shows the order.
        const maxWeight = 4;
        const cache = new BoundedCache<number>({ maxWeight, weigh: (weight) => weight });
        // The reference: keys from least to most recently used, with their weights.
        let order: [string, number][] = [];
        const drop = (key: string) => {
          order = order.filter(([k]) => k !== key);
        };
        for (const { kind, key: n, ...rest } of ops) {
          const key = String(n);
          if (kind === 'get') {
            const held = order.find(([k]) => k === key);
            expect(cache.get(key)).toBe(held?.[1]);
            if (held) order = [...order.filter(([k]) => k !== key), held];
          } else if (kind === 'delete') {
            cache.delete(key);
            drop(key);
          } else if (kind === 'clear') {
            cache.clear();
            order = [];
          } else {
            const { weight } = rest as { weight: number };
            cache.set(key, weight);
            drop(key);
            order.push([key, weight]);
            while (order.reduce((sum, [, w]) => sum + w, 0) > maxWeight) order.shift();
          }
          expect(cache.weight).toBe(order.reduce((sum, [, w]) => sum + w, 0));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
