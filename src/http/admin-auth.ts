import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { bearerToken, type ScopedToken } from './admin-tokens.ts';
import { problem } from './problem.ts';

const encoder = new TextEncoder();
const digest = async (text: string) => crypto.subtle.digest('SHA-256', encoder.encode(text));

/**
 * The configured token equal to `presented`, or null. Every configured token is compared, each through
 * a fixed-length digest and `timingSafeEqual`, with no early exit: the time taken depends on how many
 * tokens are configured, never on how much of one a caller guessed, nor on whether they sent one at
 * all, nor on which secret (and so which scope) holds it.
 */
export async function matchToken<T extends { token: string }>(
  tokens: readonly T[],
  presented: string,
): Promise<T | null> {
  const mine = await digest(presented);
  let found: T | null = null;
  for (const candidate of tokens) {
    const equal = crypto.subtle.timingSafeEqual(mine, await digest(candidate.token));
    if (equal) found = candidate;
  }
  return found;
}

/**
 * Bearer authentication for the admin API. Hono's `bearerAuth` is not used: it answers a missing header
 * before comparing anything and a malformed one with 400, where every failure here must be the same
 * 401 after the same work, as problem+json.
 */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const found: ScopedToken | null = await matchToken(
      c.var.config.tokens,
      bearerToken(c.req.header('authorization')),
    );
    if (found === null) {
      throw problem(
        401,
        'The admin API needs a valid token: send `Authorization: Bearer <token>` with a token from ADMIN_TOKEN or PUBLISH_TOKEN.',
        {},
        { 'www-authenticate': 'Bearer realm="assay-admin"' },
      );
    }
    c.set('adminLabel', found.label);
    c.set('tokenScope', found.scope);
    await next();
  };
}

/**
 * 403 unless the request came with an admin token: a publish token may publish, but what takes rows
 * away from readers at once (`act`) needs an admin. `instead` says what the editor can do meanwhile.
 */
export function requireAdmin(c: Context<AppEnv>, act: string, instead: string): void {
  if (c.var.tokenScope === 'admin') return;
  throw problem(
    403,
    `${act} needs an admin token (ADMIN_TOKEN); this request's token is a publish token (PUBLISH_TOKEN), ` +
      `which may publish but not that. ${instead}`,
  );
}

/** The rollback routes' guard, as middleware: refused before the body is even read. */
export const adminOnly =
  (act: string, instead: string): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    requireAdmin(c, act, instead);
    await next();
  };
