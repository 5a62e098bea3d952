import { ifNoneMatchHits } from './etag.ts';

export interface Validators {
  etag: string;
  /** An HTTP date, as sent in `Last-Modified`. */
  lastModified?: string | undefined;
}

/**
 * RFC 9110 §13.2.2 for GET and HEAD: If-None-Match decides when it is sent; otherwise
 * If-Modified-Since does, so that clients and caches that only keep Last-Modified also get a 304. An
 * unparsable date is ignored, as the RFC asks.
 */
export function notModified(request: Headers, validators: Validators): boolean {
  const ifNoneMatch = request.get('if-none-match');
  if (ifNoneMatch !== null) return ifNoneMatchHits(ifNoneMatch, validators.etag);
  const since = request.get('if-modified-since');
  if (since === null || validators.lastModified === undefined) return false;
  const sinceMs = Date.parse(since);
  return !Number.isNaN(sinceMs) && Date.parse(validators.lastModified) <= sinceMs;
}
