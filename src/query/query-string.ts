import type { Format } from './read-query.ts';

type Named = { name: string };

/** What a query string writes: a ReadQuery, or one the pages build from column names alone. */
export interface QueryParts {
  format?: Format;
  fields?: readonly Named[];
  sort?: { column: Named; descending: boolean } | undefined;
  /** Each filter's operator and its value in the one spelling the engine reads back (`Filter`). */
  filters: readonly { column: Named; op: string; canonical: string }[];
  search?: { q: string } | undefined;
  facets?: readonly Named[];
  limit?: number | undefined;
  offset: number;
}

/**
 * A query written back as a canonical query string (one order, defaults left out; listed values,
 * operators and formats in their own case), so links that mean the same representation are the same
 * URL: the API's `next` link, the ETag's key and the pages' sort and page links.
 */
export function canonicalQuery(query: QueryParts): string {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset > 0) params.set('offset', String(query.offset));
  if (query.fields) params.set('fields', query.fields.map((c) => c.name).join(','));
  if (query.sort) params.set('sort', `${query.sort.descending ? '-' : ''}${query.sort.column.name}`);
  for (const { column, op, canonical } of query.filters)
    params.append(`filter[${column.name}]${op === 'eq' ? '' : `[${op}]`}`, canonical);
  if (query.search) params.set('q', query.search.q);
  for (const column of query.facets ?? []) params.append('facet', column.name);
  if (query.format !== undefined && query.format !== 'json') params.set('format', query.format);
  return params.toString();
}
