import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { sha256 } from '../store/content-hash.ts';
import { httpDate } from './cache-headers.ts';
import { ifNoneMatchHits } from './etag.ts';
import { keepResponse } from './response-cache.ts';

export interface JsonResponseOptions {
  cacheControl: string;
  cacheTag: string;
  contentType?: string;
  /** ISO time of the publish the document reflects, sent as `Last-Modified`. */
  lastModified?: string;
}

/**
 * A small JSON document (catalogue, history, schema) with a strong ETag over its own bytes, so
 * polling it costs a 304 while it is unchanged.
 */
export function jsonResponse(
  c: Context<AppEnv>,
  value: unknown,
  options: JsonResponseOptions,
): Promise<Response> {
  return documentResponse(c, JSON.stringify(value), options);
}

/** Any small rendered document (JSON, an HTML page, a feed), tagged by its own bytes and kept as `moving`. */
export async function documentResponse(
  c: Context<AppEnv>,
  body: string,
  options: JsonResponseOptions,
): Promise<Response> {
  keepResponse(c, 'moving');
  const etag = `"${(await sha256(body)).slice(0, 32)}"`;
  const headers = {
    etag,
    'cache-control': options.cacheControl,
    'cache-tag': options.cacheTag,
    ...(options.lastModified && { 'last-modified': httpDate(options.lastModified) }),
  };
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'content-type': options.contentType ?? 'application/json' });
}
