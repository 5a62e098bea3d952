import type { MiddlewareHandler } from 'hono';
import { clipped } from '../datasets/cell.ts';
import type { AppEnv } from '../env.ts';
import { problem } from './problem.ts';

/**
 * For routes that take only the named query parameters (or none): another given anyway is a mistake
 * to report, not to ignore.
 */
export function onlyQuery(...allowed: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const extra = [...new URL(c.req.url).searchParams.keys()].find((name) => !allowed.includes(name));
    if (extra !== undefined) {
      const parameter = clipped(extra);
      const takes = allowed.length ? `only ${allowed.join(' and ')}` : 'no query parameters';
      throw problem(400, `${clipped(c.req.path)} takes ${takes}; remove "${parameter}".`, { parameter });
    }
    await next();
  };
}

export const noQuery = onlyQuery();
