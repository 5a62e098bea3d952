import { describe, expect, it } from 'vitest';
import { matchToken } from './admin-auth.ts';
import { parseAdminTokens } from './admin-tokens.ts';

describe('matchToken', () => {
  it('matches a token to its label and nothing else', async () => {
    const tokens = parseAdminTokens('old:first-token,new:second-token');
    expect(await matchToken(tokens, 'second-token')).toBe('new');
    expect(await matchToken(tokens, 'first-token')).toBe('old');
    expect(await matchToken(tokens, 'first-toke')).toBeNull();
    expect(await matchToken(tokens, '')).toBeNull();
    expect(await matchToken([], '')).toBeNull();
  });
});
