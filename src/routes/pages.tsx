import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DatasetDefinition, Row } from '../datasets/types.ts';
import type { AppEnv } from '../env.ts';
import { cacheTags, httpDate, immutableCacheControl, latestCacheControl } from '../http/cache-headers.ts';
import { ifNoneMatchHits, representationEtag } from '../http/etag.ts';
import { documentResponse, jsonResponse } from '../http/json-response.ts';
import { problem } from '../http/problem.ts';
import { keepResponse } from '../http/response-cache.ts';
import { logEvent } from '../log-event.ts';
import { assetNamed, assets, assetsKey } from '../pages/assets.ts';
import { CataloguePage } from '../pages/catalogue-page.tsx';
import { displayColumns } from '../pages/columns.ts';
import { DatasetPage, type DatasetView } from '../pages/dataset-page.tsx';
import { embedCode, embedHeight } from '../pages/embed-code.ts';
import { EmbedPage, type EmbedView } from '../pages/embed-page.tsx';
import { ErrorPage } from '../pages/error-page.tsx';
import { type HistoryEntry, HistoryPage } from '../pages/history-page.tsx';
import { documentHtml } from '../pages/layout.tsx';
import { paths } from '../pages/paths.ts';
import type { ChangesDocument } from '../publish/changes.ts';
import { facetableColumns } from '../query/facets.ts';
import {
  type ReadQuery,
  representationKey,
  resolveReadQuery,
  type ValidatedParams,
} from '../query/read-query.ts';
import { selectedRows } from '../render/selected-rows.ts';
import { listedVersions, olderVersionsQuery } from '../store/listed-versions.ts';
import type { VersionMeta } from '../store/records.ts';
import { type AppRouteHandler, createRouter } from './create-router.ts';
import { datasetOr404, headOr404, retainedVersionOr404 } from './datasets.ts';
import * as routes from './pages.routes.ts';

/** Rows per page when the query gives no limit: a 100-row dataset reads as one page. */
export const pageSize = 100;
/** Versions of the history page that show their rows; each costs a KV read of its diff. */
const detailedVersions = 10;
/** A diff larger than this is counted, not listed, so the history costs the same at any size. */
const detailedChangesMax = 500;
const htmlType = 'text/html; charset=utf-8';

/** Page-render changes that alter bytes without changing an asset: bump, so immutable ETags move. */
const pageRenderVersion = 1;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

interface Shown {
  kind: 'page' | 'embed';
  pinned: boolean;
  /** The path the table's links lead back to, with an embed's own `view`. */
  path: string;
  show?: EmbedView;
}

/**
 * A dataset page or embed: the query is checked by the API's own engine (same 400s), the ETag is known
 * from the version and the query before any row is read, and the rows come through the API's reader.
 */
async function renderVersion(
  c: Context<AppEnv>,
  def: DatasetDefinition,
  meta: VersionMeta,
  params: ValidatedParams,
  shown: Shown,
): Promise<Response> {
  const raw = new URL(c.req.url).searchParams;
  if (raw.has('format')) {
    throw problem(400, 'A page is HTML; for JSON or CSV use its download links.', { parameter: 'format' });
  }
  // An embed's own parameter, checked by its route; on a page it is as unknown as any other.
  if (shown.kind === 'embed') raw.delete('view');
  const query: ReadQuery = resolveReadQuery(params, raw, meta.columns, 'json', facetableColumns(def));
  const size = query.limit ?? pageSize;
  const origin = new URL(c.req.url).origin;
  const representation = [
    pageRenderVersion,
    await assetsKey(),
    shown.kind,
    shown.show ?? '',
    origin,
    representationKey(shown.pinned ? 'version' : 'latest', { ...query, limit: size }),
  ].join('|');
  const etag = representationEtag(meta.contentHash, meta.version, representation);
  const headers = {
    etag,
    'last-modified': httpDate(meta.publishedAt),
    'cache-control': shown.pinned ? immutableCacheControl : latestCacheControl,
    'cache-tag': cacheTags(def.id),
  };
  keepResponse(c, shown.pinned ? { dataset: def.id, version: meta.version } : 'moving');
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);

  const rows: Row[] = await collect(selectedRows(c.var.reader, meta, { ...query, limit: size + 1 }));
  const hasNext = rows.length > size;
  if (hasNext) rows.pop();
  const view: DatasetView = {
    def,
    meta,
    pinned: shown.pinned,
    columns: displayColumns(def, query.fields ?? meta.columns),
    table: { query, pageSize: size, rows, hasNext, rowCount: meta.rowCount, path: shown.path },
    origin,
    assets: await assets(),
  };
  const page =
    shown.kind === 'embed' ? (
      <EmbedPage view={view} show={shown.show ?? 'table'} />
    ) : (
      <DatasetPage view={view} />
    );
  return c.body(documentHtml(page), 200, { ...headers, 'content-type': htmlType });
}

function embedShown(def: DatasetDefinition, path: string, pinned: boolean, view?: EmbedView): Shown {
  if (view === 'chart' && !def.chart) {
    throw problem(400, `"${def.id}" has no chart; use view=table.`, { parameter: 'view' });
  }
  return {
    kind: 'embed',
    pinned,
    path: view ? `${path}?view=${view}` : path,
    show: view ?? (def.chart ? 'chart' : 'table'),
  };
}

/** Errors on pages are pages too: the status, what went wrong in plain words, and a way back. */
async function errorPage(error: Error, c: Context<AppEnv>): Promise<Response> {
  const known = error instanceof HTTPException;
  if (!known) logEvent('error', { path: c.req.path, message: String(error) }, 'error');
  const status = (known ? error.status : 500) as ContentfulStatusCode;
  const detail = known
    ? error.message
    : 'Something failed on our side; it has been logged. Try again shortly.';
  const page = <ErrorPage status={status} detail={detail} assets={await assets()} />;
  return c.body(documentHtml(page), status, { 'content-type': htmlType, 'cache-control': 'no-store' });
}

/**
 * A path under /datasets/ or /embed/ that no page route matched: a reader followed a bad link, so
 * they get a page too, not the API's problem+json.
 */
export const isUnderPages = (path: string) => path.startsWith('/datasets/') || path.startsWith('/embed/');

export const pageNotFound = (c: Context<AppEnv>) =>
  errorPage(problem(404, `There is no page at ${c.req.path}. Every dataset is listed in the catalogue.`), c);

const pagePath = /^\/(?:datasets|embed)\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/versions\/([1-9][0-9]{0,8}))?\/?$/;
const defaultEmbedWidth = 640;

export const showCatalogue: AppRouteHandler<typeof routes.cataloguePage> = async (c) => {
  const datasets = [...c.var.datasets.values()];
  const entries = await c.var.reader.catalogue(datasets.map((d) => d.id));
  const newest = [...entries.values()]
    .map((e) => e.publishedAt)
    .sort()
    .at(-1);
  const page = <CataloguePage view={{ datasets, entries, assets: await assets() }} />;
  return documentResponse(c, documentHtml(page), {
    cacheControl: latestCacheControl,
    cacheTag: cacheTags(),
    contentType: htmlType,
    ...(newest && { lastModified: newest }),
  });
};

export const showLatest: AppRouteHandler<typeof routes.latestPage> = async (c) => {
  const { id } = c.req.valid('param');
  const meta = await headOr404(c, id);
  const shown = { kind: 'page', pinned: false, path: paths.dataset(id) } as const;
  return renderVersion(c, datasetOr404(c, id), meta, c.req.valid('query'), shown);
};

export const showVersion: AppRouteHandler<typeof routes.versionPage> = async (c) => {
  const { id, n } = c.req.valid('param');
  const meta = await retainedVersionOr404(c, id, n);
  const shown = { kind: 'page', pinned: true, path: paths.version(id, n) } as const;
  return renderVersion(c, datasetOr404(c, id), meta, c.req.valid('query'), shown);
};

export const showLatestEmbed: AppRouteHandler<typeof routes.latestEmbed> = async (c) => {
  const { id } = c.req.valid('param');
  const { view, ...params } = c.req.valid('query');
  const meta = await headOr404(c, id);
  const def = datasetOr404(c, id);
  return renderVersion(c, def, meta, params, embedShown(def, paths.embed(id), false, view));
};

export const showVersionEmbed: AppRouteHandler<typeof routes.versionEmbed> = async (c) => {
  const { id, n } = c.req.valid('param');
  const { view, ...params } = c.req.valid('query');
  const meta = await retainedVersionOr404(c, id, n);
  const def = datasetOr404(c, id);
  return renderVersion(c, def, meta, params, embedShown(def, paths.embed(id, n), true, view));
};

export const showHistory: AppRouteHandler<typeof routes.historyPage> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, before } = c.req.valid('query');
  const def = datasetOr404(c, id);
  const head = await headOr404(c, id);
  const { versions: listed, nextBefore } = await listedVersions(c.var.reader, head, limit, before);
  const entries: HistoryEntry[] = await Promise.all(
    listed.map(async ({ rowsRetained, ...summary }, i) => {
      const counts = summary.changes;
      const small = counts && counts.added + counts.removed + counts.changed <= detailedChangesMax;
      if (i >= detailedVersions || !rowsRetained || !small) return { summary, rowsRetained };
      const text = await c.var.reader.changes(id, summary.version);
      return text === null
        ? { summary, rowsRetained }
        : { summary, rowsRetained, changes: JSON.parse(text) as ChangesDocument };
    }),
  );
  const page = (
    <HistoryPage
      view={{
        def,
        entries,
        columns: displayColumns(def, head.columns),
        detailed: detailedVersions,
        newest: before === undefined,
        ...(nextBefore !== undefined && { older: paths.history(id) + olderVersionsQuery(limit, nextBefore) }),
        assets: await assets(),
      }}
    />
  );
  return documentResponse(c, documentHtml(page), {
    cacheControl: latestCacheControl,
    cacheTag: cacheTags(id),
    contentType: htmlType,
    lastModified: head.publishedAt,
  });
};

export const answerOembed: AppRouteHandler<typeof routes.oembed> = async (c) => {
  const query = c.req.valid('query');
  if (query.format !== undefined && query.format !== 'json') {
    // oEmbed 1.0, 2.3.5: a format the provider does not offer is 501 Not Implemented.
    throw problem(501, 'format must be json; this provider answers JSON only.', { parameter: 'format' });
  }
  const origin = new URL(c.req.url).origin;
  let target: URL;
  try {
    target = new URL(query.url, origin);
  } catch {
    throw problem(400, 'url must be the address of a dataset page, like /datasets/production.', {
      parameter: 'url',
    });
  }
  const match = target.origin === origin ? pagePath.exec(target.pathname) : null;
  if (!match) {
    throw problem(
      404,
      `${query.url} is not a dataset page of this site; its pages are at ${origin}/datasets/…`,
      {
        parameter: 'url',
      },
    );
  }
  const id = match[1] ?? '';
  const n = match[2] === undefined ? undefined : Number(match[2]);
  const def = datasetOr404(c, id);
  const meta = n === undefined ? await headOr404(c, id) : await retainedVersionOr404(c, id, n);
  const width = Math.min(query.maxwidth ?? defaultEmbedWidth, defaultEmbedWidth);
  const shownRows = Math.min(meta.rowCount, pageSize);
  const height = Math.min(query.maxheight ?? Number.POSITIVE_INFINITY, embedHeight(shownRows));
  const title = n === undefined ? def.title : `${def.title}, version ${n}`;
  return jsonResponse(
    c,
    {
      version: '1.0',
      type: 'rich',
      provider_name: 'Assay',
      provider_url: `${origin}/`,
      title,
      html: embedCode(origin + paths.embed(id, n), title, width, height),
      width,
      height,
    },
    {
      cacheControl: n === undefined ? latestCacheControl : immutableCacheControl,
      cacheTag: cacheTags(id),
      lastModified: meta.publishedAt,
    },
  );
};

export const serveAsset: AppRouteHandler<typeof routes.asset> = async (c) => {
  const { file } = c.req.valid('param');
  const found = await assetNamed(file);
  if (!found) throw problem(404, `There is no asset ${file}.`);
  return c.body(found.asset.body, 200, {
    'content-type': found.asset.contentType,
    'cache-control': found.current ? immutableCacheControl : 'public, max-age=300',
  });
};

export const pageRoutes = createRouter()
  .openapi(routes.cataloguePage, showCatalogue)
  .openapi(routes.latestPage, showLatest)
  .openapi(routes.versionPage, showVersion)
  .openapi(routes.latestEmbed, showLatestEmbed)
  .openapi(routes.versionEmbed, showVersionEmbed)
  .openapi(routes.historyPage, showHistory);
// Set before the app mounts these routes: Hono wraps each route with its router's error handler then.
pageRoutes.onError(errorPage);

/** oEmbed and the pages' static files: answers for programs, so their errors stay problem+json. */
export const siteRoutes = createRouter()
  .openapi(routes.oembed, answerOembed)
  .openapi(routes.asset, serveAsset);
