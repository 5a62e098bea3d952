import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import { rowJsonSchema } from '../datasets/json-schema.ts';
import type { DatasetDefinition } from '../datasets/types.ts';
import type { AppEnv } from '../env.ts';
import { cacheTags, httpDate, immutableCacheControl, latestCacheControl } from '../http/cache-headers.ts';
import { ifNoneMatchHits, representationEtag } from '../http/etag.ts';
import { jsonResponse } from '../http/json-response.ts';
import { problem } from '../http/problem.ts';
import { keepResponse, type Lifetime } from '../http/response-cache.ts';
import { rowsGone } from '../http/rows-gone.ts';
import { facetableColumns } from '../query/facets.ts';
import { canonicalQuery } from '../query/query-string.ts';
import { formats, representationKey, resolveReadQuery, type ValidatedParams } from '../query/read-query.ts';
import { bytesBody } from '../render/byte-stream.ts';
import { dataPackage } from '../render/data-package.ts';
import { contentTypes, rowsBody } from '../render/rows-body.ts';
import { listedVersions, olderVersionsQuery } from '../store/listed-versions.ts';
import type { Head, VersionMeta } from '../store/records.ts';
import { type AppRouteHandler, createRouter } from './create-router.ts';
import * as routes from './datasets.routes.ts';

const datasetPath = (id: string) => `/v1/datasets/${id}`;

function links(id: string, version: number): Record<string, string> {
  return {
    self: `${datasetPath(id)}/versions/${version}`,
    latest: datasetPath(id),
    versions: `${datasetPath(id)}/versions`,
    schema: `${datasetPath(id)}/schema`,
  };
}

export function datasetOr404(c: Context<AppEnv>, id: string): DatasetDefinition {
  const def = c.var.datasets.get(id);
  if (def) return def;
  throw problem(404, `There is no dataset "${id}". The catalogue at /v1/datasets lists them all.`);
}

export async function headOr404(c: Context<AppEnv>, id: string): Promise<Head> {
  datasetOr404(c, id);
  const head = await c.var.reader.head(id);
  if (head) return head;
  throw problem(404, `Dataset "${id}" exists but has no published version yet. Run the sync to publish it.`);
}

/** A numbered version whose rows are still kept: 404 past the head, 410 past retention. */
export async function retainedVersionOr404(c: Context<AppEnv>, id: string, n: number): Promise<VersionMeta> {
  const head = await headOr404(c, id);
  if (n > head.version)
    throw problem(404, `Dataset "${id}" has no version ${n}; the latest is ${head.version}.`);
  if (n < head.retainedFrom) throw rowsGone({ dataset: id, version: n });
  const meta = await c.var.reader.meta(id, n);
  if (!meta) throw problem(404, `Version ${n} of "${id}" is not available yet; try again in a minute.`);
  return meta;
}

/** Serves one version's rows: everything up to the 304 decision reads only the head (or metadata). */
async function serveRows(
  c: Context<AppEnv>,
  meta: VersionMeta,
  params: ValidatedParams,
  route: 'latest' | 'version',
): Promise<Response> {
  const negotiated = accepts(c, {
    header: 'Accept',
    supports: Object.values(contentTypes).map((type) => type.split(';')[0] ?? type),
    default: contentTypes.json,
  });
  const def = datasetOr404(c, meta.dataset);
  const query = resolveReadQuery(
    params,
    new URL(c.req.url).searchParams,
    meta.columns,
    formats.find((f) => contentTypes[f].startsWith(negotiated)) ?? 'json',
    facetableColumns(def),
  );
  const etag = representationEtag(meta.contentHash, meta.version, representationKey(route, query));
  const headers = {
    etag,
    'last-modified': httpDate(meta.publishedAt),
    'cache-control': route === 'latest' ? latestCacheControl : immutableCacheControl,
    'cache-tag': cacheTags(meta.dataset),
    vary: 'Accept',
  };
  const lifetime: Lifetime = route === 'latest' ? 'moving' : { dataset: meta.dataset, version: meta.version };
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) {
    keepResponse(c, lifetime);
    return c.body(null, 304, headers);
  }

  const envelope = {
    dataset: meta.dataset,
    version: meta.version,
    publishedAt: meta.publishedAt,
    rowCount: meta.rowCount,
    // The body says which rows it holds whenever they are not all of them.
    ...(query.limit !== undefined
      ? { limit: query.limit, offset: query.offset }
      : query.offset > 0 && { offset: query.offset }),
    links: links(meta.dataset, meta.version),
  };
  // The next page is pinned to this version, so paging through never mixes two versions.
  const { body, contentType, next, matchCount } = await rowsBody(
    c.var.reader,
    meta,
    query,
    envelope,
    () => `${envelope.links.self}?${canonicalQuery({ ...query, offset: query.offset + (query.limit ?? 0) })}`,
  );
  // A streamed body is too large to keep; the isolate's page cache still serves it.
  if (!(body instanceof ReadableStream)) keepResponse(c, lifetime);
  const sent = body instanceof Uint8Array ? bytesBody(body) : body;
  const response = c.body(sent as ReadableStream, 200, { ...headers, 'content-type': contentType });
  // A browser saves the CSV under a name that says which dataset and version it holds.
  if (query.format === 'csv') {
    response.headers.set(
      'content-disposition',
      `attachment; filename="${meta.dataset}-v${meta.version}.csv"`,
    );
  }
  // CSV and NDJSON have no envelope, so the next page and the count also go in headers.
  if (next) response.headers.set('link', `<${next}>; rel="next"`);
  if (matchCount !== undefined) response.headers.set('x-match-count', String(matchCount));
  return response;
}

export const listDatasets: AppRouteHandler<typeof routes.listDatasets> = async (c) => {
  const ids = [...c.var.datasets.keys()];
  const entries = await c.var.reader.catalogue(ids);
  const datasets = [...c.var.datasets.values()].map((def) => {
    const entry = entries.get(def.id);
    return {
      id: def.id,
      title: def.title,
      description: def.description,
      version: entry?.version ?? null,
      updatedAt: entry?.publishedAt ?? null,
      rowCount: entry?.rowCount ?? null,
      links: {
        self: datasetPath(def.id),
        csv: `${datasetPath(def.id)}?format=csv`,
        versions: `${datasetPath(def.id)}/versions`,
        schema: `${datasetPath(def.id)}/schema`,
      },
    };
  });
  // ISO times sort as text: the newest publish of any dataset is when the catalogue last changed.
  const lastModified = datasets.reduce<string | undefined>(
    (newest, d) => (d.updatedAt && (!newest || d.updatedAt > newest) ? d.updatedAt : newest),
    undefined,
  );
  return jsonResponse(
    c,
    { datasets },
    { cacheControl: latestCacheControl, cacheTag: cacheTags(), ...(lastModified && { lastModified }) },
  );
};

export const getLatest: AppRouteHandler<typeof routes.getLatest> = async (c) => {
  const { id } = c.req.valid('param');
  return serveRows(c, await headOr404(c, id), c.req.valid('query'), 'latest');
};

export const listVersions: AppRouteHandler<typeof routes.listVersions> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, before } = c.req.valid('query');
  const head = await headOr404(c, id);
  const { versions, nextBefore } = await listedVersions(c.var.reader, head, limit, before);
  const next =
    nextBefore === undefined
      ? undefined
      : `${datasetPath(id)}/versions${olderVersionsQuery(limit, nextBefore)}`;
  const response = await jsonResponse(
    c,
    { dataset: id, versions, links: next === undefined ? {} : { next } },
    { cacheControl: latestCacheControl, cacheTag: cacheTags(id), lastModified: head.publishedAt },
  );
  if (next) response.headers.set('link', `<${next}>; rel="next"`);
  return response;
};

export const getVersion: AppRouteHandler<typeof routes.getVersion> = async (c) => {
  const { id, n } = c.req.valid('param');
  const meta = await retainedVersionOr404(c, id, n);
  return serveRows(c, meta, c.req.valid('query'), 'version');
};

export const getChanges: AppRouteHandler<typeof routes.getChanges> = async (c) => {
  const { id, n } = c.req.valid('param');
  const meta = await retainedVersionOr404(c, id, n);
  const headers = {
    etag: representationEtag(meta.contentHash, n, 'changes'),
    'last-modified': httpDate(meta.publishedAt),
    'cache-control': immutableCacheControl,
    'cache-tag': cacheTags(id),
  };
  keepResponse(c, { dataset: id, version: n });
  if (ifNoneMatchHits(c.req.header('if-none-match'), headers.etag)) return c.body(null, 304, headers);
  const changes = await c.var.reader.changes(id, n);
  if (changes === null) {
    throw problem(
      404,
      `Version ${n} of "${id}" was stored without a diff; compare it with version ${n - 1}.`,
    );
  }
  return c.body(changes, 200, { ...headers, 'content-type': 'application/json' });
};

export const getSchema: AppRouteHandler<typeof routes.getSchema> = async (c) => {
  const { id } = c.req.valid('param');
  const schema = { $id: `${datasetPath(id)}/schema`, ...rowJsonSchema(datasetOr404(c, id)) };
  return jsonResponse(c, schema, {
    cacheControl: latestCacheControl,
    cacheTag: cacheTags(id),
    contentType: 'application/schema+json',
  });
};

export const getDataPackage: AppRouteHandler<typeof routes.getDataPackage> = async (c) => {
  const origin = new URL(c.req.url).origin;
  const defs = [...c.var.datasets.values()];
  const heads = await Promise.all(defs.map((def) => c.var.reader.head(def.id)));
  const published = defs.flatMap((def, i) => {
    const head = heads[i];
    return head ? [{ def, meta: head, csv: `${origin}${datasetPath(def.id)}?format=csv` }] : [];
  });
  const newest = published.reduce<string | undefined>(
    (at, { meta }) => (!at || meta.publishedAt > at ? meta.publishedAt : at),
    undefined,
  );
  return jsonResponse(c, dataPackage(published), {
    cacheControl: latestCacheControl,
    cacheTag: cacheTags(),
    ...(newest && { lastModified: newest }),
  });
};

export const getVersionDataPackage: AppRouteHandler<typeof routes.getVersionDataPackage> = async (c) => {
  const { id, n } = c.req.valid('param');
  const meta = await retainedVersionOr404(c, id, n);
  const def = datasetOr404(c, id);
  const csv = `${new URL(c.req.url).origin}${datasetPath(id)}/versions/${n}?format=csv`;
  const about = { name: `${id}-v${n}`, title: `${def.title}, version ${n}`, description: def.description };
  return jsonResponse(c, dataPackage([{ def, meta, csv }], about), {
    cacheControl: immutableCacheControl,
    cacheTag: cacheTags(id),
    lastModified: meta.publishedAt,
  });
};

export const datasetRoutes = createRouter()
  .openapi(routes.listDatasets, listDatasets)
  .openapi(routes.getLatest, getLatest)
  .openapi(routes.listVersions, listVersions)
  .openapi(routes.getVersion, getVersion)
  .openapi(routes.getChanges, getChanges)
  .openapi(routes.getSchema, getSchema)
  .openapi(routes.getDataPackage, getDataPackage)
  .openapi(routes.getVersionDataPackage, getVersionDataPackage);
