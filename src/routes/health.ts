import { type AppRouteHandler, createRouter } from './create-router.ts';
import * as routes from './health.routes.ts';

export const healthz: AppRouteHandler<typeof routes.healthz> = (c) =>
  c.json({ ok: true as const }, 200, { 'cache-control': 'no-store' });

export const healthRoutes = createRouter().openapi(routes.healthz, healthz);
