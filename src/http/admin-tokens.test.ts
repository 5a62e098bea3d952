import { describe, expect, it } from 'vitest';
import { bearerToken, parseAdminTokens } from './admin-tokens.ts';

describe('admin tokens', () => {
  it('parses label:token pairs, keeping colons in tokens and dropping malformed pairs', () => {
    expect(parseAdminTokens(' sync:abc , editor:x:y,nolabel,:empty-label,empty-token:, ')).toEqual([
      { label: 'sync', token: 'abc' },
      { label: 'editor', token: 'x:y' },
    ]);
    expect(parseAdminTokens(undefined)).toEqual([]);
    expect(parseAdminTokens('')).toEqual([]);
  });

  it('reads only a Bearer token', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBe('');
    expect(bearerToken('Bearer a b')).toBe('');
    expect(bearerToken(undefined)).toBe('');
  });
});
