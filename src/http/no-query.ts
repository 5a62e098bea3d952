import type { MiddlewareHandler } from 'hono';
import { clipped } from '../datasets/cell.ts';
import type { AppEnv } from '../env.ts';
import { problem } from './problem.ts';

/** For routes that take no query parameters: one given anyway is a mistake to report, not to ignore. */
export const noQuery: MiddlewareHandler<AppEnv> = async (c, next) => {
  const [first] = new URL(c.req.url).searchParams.keys();
  if (first !== undefined) {
    const parameter = clipped(first);
    throw problem(400, `${clipped(c.req.path)} takes no query parameters; remove "${parameter}".`, {
      parameter,
    });
  }
  await next();
};
