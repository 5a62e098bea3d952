import type { Filter, Format } from './read-query.ts';

type Named = { name: string };

/** What a query string writes: a ReadQuery, or one the pages build from column names alone. */
export interface QueryParts {
  format?: Format;
  fields?: readonly Named[];
  sort?: { column: Named; descending: boolean } | undefined;
  filters: readonly { column: Named; value: Filter['value'] }[];
  limit?: number | undefined;
  offset: number;
}

/**
 * A query written back as a canonical query string (one order, defaults left out), so links that mean
 * the same representation are the same URL: the API's `next` link and the pages' sort and page links.
 */
export function canonicalQuery(query: QueryParts): string {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset > 0) params.set('offset', String(query.offset));
  if (query.fields) params.set('fields', query.fields.map((c) => c.name).join(','));
  if (query.sort) params.set('sort', `${query.sort.descending ? '-' : ''}${query.sort.column.name}`);
  for (const { column, value } of query.filters)
    params.set(`filter[${column.name}]`, value === null ? '' : String(value));
  if (query.format === 'csv') params.set('format', 'csv');
  return params.toString();
}
