import { describe, expect, it } from 'vitest';
import { ifNoneMatchHits, representationEtag } from '../../../src/http/etag.ts';
import { notModified } from '../../../src/http/not-modified.ts';
import { neutraliseFormula } from '../../../src/render/csv.ts';

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
    expect(ifNoneMatchHits('', '"a"')).toBe(false);
    expect(ifNoneMatchHits('"b", "a"', '"a"')).toBe(true);
    expect(ifNoneMatchHits('W/"a"', '"a"')).toBe(true);
    expect(ifNoneMatchHits('*', '"a"')).toBe(true);
    expect(ifNoneMatchHits('"ab"', '"a"')).toBe(false);
  });
});

describe('not modified', () => {
  const validators = { etag: '"a"', lastModified: 'Thu, 01 Jan 2026 00:00:00 GMT' };
  const ask = (headers: Record<string, string>) => notModified(new Headers(headers), validators);

  it('decides on If-None-Match when it is sent, whatever If-Modified-Since says', () => {
    expect(ask({ 'if-none-match': '"a"' })).toBe(true);
    expect(ask({ 'if-none-match': '"b"', 'if-modified-since': 'Fri, 02 Jan 2026 00:00:00 GMT' })).toBe(false);
    expect(ask({ 'if-none-match': '"a"', 'if-modified-since': 'Wed, 31 Dec 2025 00:00:00 GMT' })).toBe(true);
  });

  it('otherwise compares If-Modified-Since with Last-Modified, to the second', () => {
    expect(ask({ 'if-modified-since': 'Thu, 01 Jan 2026 00:00:00 GMT' })).toBe(true);
    expect(ask({ 'if-modified-since': 'Fri, 02 Jan 2026 00:00:00 GMT' })).toBe(true);
    expect(ask({ 'if-modified-since': 'Wed, 31 Dec 2025 23:59:59 GMT' })).toBe(false);
    expect(ask({ 'if-modified-since': 'yesterday' })).toBe(false);
    expect(ask({})).toBe(false);
    expect(notModified(new Headers({ 'if-modified-since': validators.lastModified }), { etag: '"a"' })).toBe(
      false,
    );
  });
});

describe('CSV formula neutralising', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['a=1', 'a=1'],
    ['', ''],
  ])('%j → %j', (input, output) => expect(neutraliseFormula(input)).toBe(output));
});
