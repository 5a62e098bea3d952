import { describe, expect, it } from 'vitest';
import { ifNoneMatchHits, representationEtag } from './etag.ts';

describe('ETags', () => {
  it('are strong, and change with version, content and representation', () => {
    const tag = representationEtag('abc', 3, 'latest|json');
    expect(tag).toMatch(/^"[^"]+"$/);
    expect(representationEtag('abc', 4, 'latest|json')).not.toBe(tag);
    expect(representationEtag('abd', 3, 'latest|json')).not.toBe(tag);
    expect(representationEtag('abc', 3, 'latest|csv')).not.toBe(tag);
    expect(representationEtag('abc', 3, 'latest|json')).toBe(tag);
  });

  it('match If-None-Match lists, weak forms and *', () => {
    expect(ifNoneMatchHits(undefined, '"a"')).toBe(false);
    expect(ifNoneMatchHits('"b", "a"', '"a"')).toBe(true);
    expect(ifNoneMatchHits('W/"a"', '"a"')).toBe(true);
    expect(ifNoneMatchHits('*', '"a"')).toBe(true);
    expect(ifNoneMatchHits('"ab"', '"a"')).toBe(false);
    expect(ifNoneMatchHits('"a"', '"a"')).toBe(true);
    expect(ifNoneMatchHits(' "a" ', '"a"')).toBe(true);
    expect(ifNoneMatchHits('"a"', '"ab"')).toBe(false);
  });
});
