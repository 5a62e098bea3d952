import { createRoute, z } from '@hono/zod-openapi';
import { noQuery } from '../http/no-query.ts';
import { unknown } from './datasets.routes.ts';
import { DatasetIdParam, problemContent } from './schemas.ts';

const upgrade = (what: string) => ({
  101: {
    description:
      `A WebSocket carrying ${what} as JSON text messages: \`{ "type": "version", "dataset", "version", ` +
      '"publishedAt", "changes": { added, removed, changed }, "links" }`, the current version first, then ' +
      'one per publish or rollback. The client sends nothing (a "ping" text is answered "pong") and may close.',
  },
  426: {
    description: 'Not a WebSocket upgrade request (`Upgrade: websocket`).',
    content: problemContent,
  },
});

export const datasetLive = createRoute({
  method: 'get',
  middleware: [noQuery] as const,
  path: '/v1/datasets/{id}/live',
  tags: ['live'],
  summary: "Live notices of a dataset's new versions (WebSocket)",
  request: { params: z.object({ id: DatasetIdParam }) },
  responses: { ...upgrade("this dataset's versions"), ...unknown('dataset') },
});

export const allLive = createRoute({
  method: 'get',
  middleware: [noQuery] as const,
  path: '/v1/live',
  tags: ['live'],
  summary: 'Live notices of every dataset’s new versions (WebSocket)',
  responses: upgrade("every dataset's versions (first the latest known of each)"),
});
