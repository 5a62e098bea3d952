import type { Hook } from '@hono/zod-openapi';
import { clipped } from '../datasets/cell.ts';
import type { AppEnv } from '../env.ts';
import { problem } from '../http/problem.ts';
import { badParam, givenMoreThanOnce } from '../query/param-problem.ts';

/**
 * Turns a failed Zod check of a request into a problem that names what to fix: a malformed path
 * segment is a resource that cannot exist (404); a bad query parameter (named in `parameter`) or body
 * member (a JSON Pointer in `pointer`) is the caller's to mend (400).
 */
/** RFC 6901: `~` and `/` inside a member name are escaped. */
const escapePointer = (name: string) => name.replaceAll('~', '~0').replaceAll('/', '~1');

export const validationHook: Hook<unknown, AppEnv, string, undefined> = (result, c) => {
  if (result.success) return;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const message = issue?.message ?? 'is not valid';
  if (result.target === 'param') throw problem(404, `Nothing is found at this path: ${message}`);
  if (result.target === 'query') {
    const name = path[0] ?? (issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined) ?? 'query';
    if (new URL(c.req.url).searchParams.getAll(name).length > 1) throw givenMoreThanOnce(name);
    // The schemas' own messages already start with the parameter's name.
    const detail = message.startsWith(name) ? message : `${clipped(name)}: ${message}`;
    throw badParam(name, clipped(detail, 1000));
  }
  // An unknown member is at fault itself, so the pointer names it rather than the object holding it.
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
  const pointer = clipped(`/${[...path, ...keys.slice(0, 1)].map(escapePointer).join('/')}`);
  const where = path.length > 0 ? clipped(path.join('.')) : 'The request body';
  const detail = message.startsWith(where) ? message : `${where}: ${message}`;
  throw problem(400, clipped(detail, 1000), { pointer });
};
