import { describe, expect, it } from 'vitest';
import { matchToken } from './admin-auth.ts';
import { parseAdminTokens } from './admin-tokens.ts';

describe('matchToken', () => {
  it('matches a token to its entry and nothing else', async () => {
    const tokens = [
      ...parseAdminTokens('old:first-token,new:second-token').map((t) => ({ ...t, scope: 'admin' })),
      ...parseAdminTokens('editors:third-token').map((t) => ({ ...t, scope: 'publish' })),
    ];
    expect(await matchToken(tokens, 'second-token')).toMatchObject({ label: 'new', scope: 'admin' });
    expect(await matchToken(tokens, 'first-token')).toMatchObject({ label: 'old', scope: 'admin' });
    expect(await matchToken(tokens, 'third-token')).toMatchObject({ label: 'editors', scope: 'publish' });
    expect(await matchToken(tokens, 'first-toke')).toBeNull();
    expect(await matchToken(tokens, '')).toBeNull();
    expect(await matchToken([], '')).toBeNull();
  });
});
