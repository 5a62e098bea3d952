import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { problem } from './problem.ts';

/** For routes that take no query parameters: one given anyway is a mistake to report, not to ignore. */
export const noQuery: MiddlewareHandler<AppEnv> = async (c, next) => {
  const [first] = new URL(c.req.url).searchParams.keys();
  if (first !== undefined) {
    throw problem(400, `${c.req.path} takes no query parameters; remove "${first}".`, { parameter: first });
  }
  await next();
};
