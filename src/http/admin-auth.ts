import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { type AdminToken, bearerToken } from './admin-tokens.ts';
import { problem } from './problem.ts';

const encoder = new TextEncoder();
const digest = async (text: string) => crypto.subtle.digest('SHA-256', encoder.encode(text));

/**
 * The label of the configured token equal to `presented`, or null. Every configured token is compared,
 * each through a fixed-length digest and `timingSafeEqual`, with no early exit: the time taken depends
 * on how many tokens are configured, never on how much of one a caller guessed, nor on whether they
 * sent one at all.
 */
export async function matchToken(tokens: readonly AdminToken[], presented: string): Promise<string | null> {
  const mine = await digest(presented);
  let label: string | null = null;
  for (const candidate of tokens) {
    const equal = crypto.subtle.timingSafeEqual(mine, await digest(candidate.token));
    if (equal) label = candidate.label;
  }
  return label;
}

/**
 * Bearer authentication for the admin API. Hono's `bearerAuth` is not used: it answers a missing header
 * before comparing anything and a malformed one with 400, where every failure here must be the same
 * 401 after the same work, as problem+json.
 */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const label = await matchToken(c.var.config.adminTokens, bearerToken(c.req.header('authorization')));
    if (label === null) {
      throw problem(
        401,
        'The admin API needs a valid token: send `Authorization: Bearer <token>` with a token from ADMIN_TOKEN.',
        {},
        { 'www-authenticate': 'Bearer realm="assay-admin"' },
      );
    }
    c.set('adminLabel', label);
    await next();
  };
}
