import { OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { validationHook } from './validation-hook.ts';

/** Every router of the app, so that no route can be added without the validation hook's problems. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export type AppOpenAPI = ReturnType<typeof createRouter>;

/** A handler typed by its route: its params, query, body and responses come from the contract. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
