import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { problem } from '../http/problem.ts';

/**
 * Turns a failed Zod check of a request into a problem that names what to fix: a malformed path
 * segment is a resource that cannot exist (404), a bad query parameter is the caller's to mend (400).
 */
export const validationHook: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (result.success) return;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? result.target);
  const message = issue?.message ?? 'is not valid';
  if (result.target === 'param') throw problem(404, `Nothing is found at this path: ${message}`);
  throw problem(400, `${name}: ${message}`, { parameter: name });
};
