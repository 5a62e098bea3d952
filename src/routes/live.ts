import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { problem } from '../http/problem.ts';
import { type AppRouteHandler, createRouter } from './create-router.ts';
import { datasetOr404 } from './datasets.ts';
import * as routes from './live.routes.ts';

function requireUpgrade(c: Context<AppEnv>) {
  if (c.req.header('upgrade')?.toLowerCase() === 'websocket') return;
  throw problem(
    426,
    `${c.req.path} is a WebSocket: connect with new WebSocket(url). To poll instead, send If-None-Match to /v1/datasets/{id}.`,
    {},
    { upgrade: 'websocket', connection: 'Upgrade' },
  );
}

/**
 * The object's 101 comes back with immutable headers; the app's middleware adds its own, so the socket
 * is handed on in a response of ours.
 */
async function handOver(stub: { fetch(request: Request): Promise<Response> }, request: Request) {
  const answer = await stub.fetch(request);
  return new Response(null, { status: 101, webSocket: answer.webSocket, headers: answer.headers });
}

export const datasetLive: AppRouteHandler<typeof routes.datasetLive> = async (c) => {
  const { id } = c.req.valid('param');
  datasetOr404(c, id);
  requireUpgrade(c);
  return handOver(c.env.DATASET_WRITER.getByName(id), c.req.raw);
};

export const allLive: AppRouteHandler<typeof routes.allLive> = async (c) => {
  requireUpgrade(c);
  return handOver(c.env.LIVE_HUB.getByName('all'), c.req.raw);
};

export const liveRoutes = createRouter()
  .openapi(routes.datasetLive, datasetLive)
  .openapi(routes.allLive, allLive);
