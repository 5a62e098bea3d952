import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import {
  atomFeed,
  type FeedEntry,
  type FeedHead,
  feedLength,
  jsonFeed,
  newestEntries,
} from '../feeds/publish-feed.ts';
import { cacheTags, latestCacheControl } from '../http/cache-headers.ts';
import { documentResponse } from '../http/json-response.ts';
import { listedVersions } from '../store/listed-versions.ts';
import { type AppRouteHandler, createRouter } from './create-router.ts';
import { datasetOr404 } from './datasets.ts';
import * as routes from './feeds.routes.ts';

/** The feeds a response's `Link` header announces (RFC 8288), for readers that discover them. */
export function feedLinks(id?: string): string {
  const base = id ? `/v1/datasets/${id}` : '/v1';
  return (
    `<${base}/feed.atom>; rel="alternate"; type="application/atom+xml", ` +
    `<${base}/feed.json>; rel="alternate"; type="application/feed+json"`
  );
}

/**
 * Adds the feeds' links to the catalogue's and a dataset's answers (after a next-page Link, if any);
 * a 304 leaves them to the 200 it revalidates (src/http/not-modified.ts).
 */
export const feedDiscovery: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.status === 200) c.res.headers.append('link', feedLinks(c.req.param('id')));
};

/**
 * Each dataset's latest versions from its head and history pages (a few small KV reads each, held a
 * few seconds like every list); a dataset never published has none.
 */
async function entriesOf(c: Context<AppEnv>, ids: readonly string[]): Promise<FeedEntry[]> {
  const lists = await Promise.all(
    ids.map(async (id) => {
      const head = await c.var.reader.head(id);
      return head ? (await listedVersions(c.var.reader, head, feedLength)).versions : [];
    }),
  );
  return newestEntries(
    lists
      .flat()
      .map((summary) => ({ summary, name: c.var.datasets.get(summary.dataset)?.tab ?? summary.dataset })),
  );
}

async function serveFeed(c: Context<AppEnv>, format: 'atom' | 'json', id?: string) {
  const def = id === undefined ? undefined : datasetOr404(c, id);
  const entries = await entriesOf(c, def ? [def.id] : [...c.var.datasets.keys()]);
  const origin = new URL(c.req.url).origin;
  const base = `${origin}${def ? `/v1/datasets/${def.id}` : '/v1'}`;
  const head: FeedHead = {
    title: def ? `${def.title}: new versions` : 'Assay: new versions of every dataset',
    description: def ? def.description : 'Every publish of every dataset, newest first.',
    home: def ? base : `${origin}/v1/datasets`,
    atom: `${base}/feed.atom`,
    json: `${base}/feed.json`,
  };
  const [newest] = entries;
  const options = {
    cacheControl: latestCacheControl,
    cacheTag: cacheTags(def?.id),
    ...(newest && { lastModified: newest.summary.publishedAt }),
  };
  return format === 'atom'
    ? documentResponse(c, atomFeed(head, entries, origin), {
        ...options,
        contentType: 'application/atom+xml',
      })
    : documentResponse(c, JSON.stringify(jsonFeed(head, entries, origin)), {
        ...options,
        contentType: 'application/feed+json',
      });
}

export const allFeedAtom: AppRouteHandler<typeof routes.allFeedAtom> = (c) => serveFeed(c, 'atom');
export const allFeedJson: AppRouteHandler<typeof routes.allFeedJson> = (c) => serveFeed(c, 'json');
export const datasetFeedAtom: AppRouteHandler<typeof routes.datasetFeedAtom> = (c) =>
  serveFeed(c, 'atom', c.req.valid('param').id);
export const datasetFeedJson: AppRouteHandler<typeof routes.datasetFeedJson> = (c) =>
  serveFeed(c, 'json', c.req.valid('param').id);

export const feedRoutes = createRouter()
  .openapi(routes.allFeedAtom, allFeedAtom)
  .openapi(routes.allFeedJson, allFeedJson)
  .openapi(routes.datasetFeedAtom, datasetFeedAtom)
  .openapi(routes.datasetFeedJson, datasetFeedJson);
