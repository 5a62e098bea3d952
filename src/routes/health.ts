import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';

export const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  // Any query is ignored: uptime monitors add cache-busters, and nothing here could be misread.
  tags: ['service'],
  summary: 'Liveness',
  responses: {
    200: {
      description: 'The Worker is up.',
      content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
    },
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(healthz, (c) =>
  c.json({ ok: true as const }, 200, { 'cache-control': 'no-store' }),
);
