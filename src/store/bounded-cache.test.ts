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
});
