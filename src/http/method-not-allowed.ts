import type { Hono } from 'hono';
import { problem } from './problem.ts';

/**
 * Hono answers an unmatched method with its not-found handler; this tells the two apart, so a POST
 * to a read-only path gets 405 with the methods it does allow.
 */
function allowedMethods(app: Hono<never>, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const pattern = new RegExp(`^${route.path.replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*')}$`);
    if (pattern.test(path)) methods.add(route.method);
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}

export function notFoundOrNotAllowed(app: Hono<never>, method: string, path: string) {
  const allowed = allowedMethods(app, path);
  if (allowed.length === 0 || allowed.includes(method)) {
    return problem(
      404,
      `Nothing is found at ${path}. The API starts at /v1/datasets; its reference is at /docs.`,
    );
  }
  return problem(
    405,
    `${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`,
    {},
    {
      allow: allowed.join(', '),
    },
  );
}
