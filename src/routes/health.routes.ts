import { createRoute, z } from '@hono/zod-openapi';

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
