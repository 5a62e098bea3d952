import { cacheTags, httpDate, immutableCacheControl, latestCacheControl } from '../http/cache-headers.ts';
import { ifNoneMatchHits, representationEtag } from '../http/etag.ts';
import { problem } from '../http/problem.ts';
import { keepResponse } from '../http/response-cache.ts';
import type { ChangesDocument } from '../publish/changes.ts';
import { composeChanges } from '../query/compose-changes.ts';
import { type AppRouteHandler, createRouter } from './create-router.ts';
import { datasetOr404, headOr404 } from './datasets.ts';
import * as routes from './deltas.routes.ts';

/**
 * Past this many bytes of stored diffs, sending the delta costs more than the dataset itself is
 * likely to, and composing it would crowd the isolate's 128 MB: the client is told to refetch.
 */
const diffBudgetBytes = 8 * 1024 * 1024;

const refetch = (id: string, why: string) =>
  problem(410, `${why} Fetch /v1/datasets/${id} whole, then ask for changes from its version.`);

export const getDelta: AppRouteHandler<typeof routes.getDelta> = async (c) => {
  const { id } = c.req.valid('param');
  const { from, to } = c.req.valid('query');
  const key = datasetOr404(c, id).key;
  const head = await headOr404(c, id);
  const target = to ?? head.version;
  if (target > head.version) {
    throw problem(404, `Dataset "${id}" has no version ${target}; the latest is ${head.version}.`, {
      parameter: 'to',
    });
  }
  if (from > target) {
    throw problem(400, `from (${from}) must not be past to (${target}).`, { parameter: 'from' });
  }
  if (from < head.retainedFrom) {
    throw refetch(
      id,
      `Version ${from} of "${id}" is past retention (the oldest kept is ${head.retainedFrom}).`,
    );
  }
  const meta = await c.var.reader.meta(id, target);
  if (!meta) throw problem(404, `Version ${target} of "${id}" is not available yet; try again in a minute.`);

  const headers = {
    etag: representationEtag(meta.contentHash, target, `delta:${from}`),
    'last-modified': httpDate(meta.publishedAt),
    'cache-control': to === undefined ? latestCacheControl : immutableCacheControl,
    'cache-tag': cacheTags(id),
  };
  keepResponse(c, to === undefined ? 'moving' : { dataset: id, version: from });
  if (ifNoneMatchHits(c.req.header('if-none-match'), headers.etag)) return c.body(null, 304, headers);

  // One at a time, so that a budget overrun stops before the next large diff is held.
  const diffs: ChangesDocument[] = [];
  let bytes = 0;
  for (let version = from + 1; version <= target; version++) {
    const text = await c.var.reader.changes(id, version);
    if (text === null) throw refetch(id, `The diff of version ${version} of "${id}" is not stored.`);
    bytes += text.length;
    if (bytes > diffBudgetBytes) throw refetch(id, `The changes since version ${from} are too many to send.`);
    const diff = JSON.parse(text) as ChangesDocument;
    if (!diff.complete)
      throw refetch(id, `Version ${version} of "${id}" changed too many rows to store them.`);
    diffs.push(diff);
  }
  const delta = composeChanges(key, diffs);
  const counts = { added: delta.added.length, removed: delta.removed.length, changed: delta.changed.length };
  return c.json({ dataset: id, from, to: target, key: [...key], counts, ...delta }, 200, headers);
};

export const deltaRoutes = createRouter().openapi(routes.getDelta, getDelta);
