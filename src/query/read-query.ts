import { clipped } from '../datasets/cell.ts';
import type { Column } from '../datasets/columns.ts';
import { type Filter, parseFilter } from './filters.ts';
import { badParam, givenMoreThanOnce } from './param-problem.ts';
import { canonicalQuery } from './query-string.ts';
import { parseSearch, type Search } from './search.ts';

export const formats = ['json', 'csv', 'ndjson'] as const;
export type Format = (typeof formats)[number];

export interface ReadQuery {
  format: Format;
  fields?: Column[];
  sort?: { column: Column; descending: boolean };
  filters: Filter[];
  /** `q`, as given and parsed. */
  search?: Search & { q: string };
  facets: Column[];
  limit?: number;
  offset: number;
}

/** The scalar parameters as the route's Zod contract has already checked them. */
export interface ValidatedParams {
  limit?: number;
  offset?: number;
  fields?: string;
  sort?: string;
  format?: Format;
  q?: string;
  facet?: string | string[];
}

const scalarParams = ['limit', 'offset', 'fields', 'sort', 'format', 'q'];
/** `filter[column]` or `filter[column][op]`. */
const filterParam = /^filter\[([^\]]*)\](?:\[([^\]]*)\])?$/;

/** How a message quotes what the caller sent: in quotes, cut short. */
const quoted = (text: string) => JSON.stringify(clipped(text));

function columnNamed(columns: readonly Column[], name: string, parameter: string): Column {
  const column = columns.find((c) => c.name === name);
  if (column) return column;
  const known = columns.map((c) => c.name).join(', ');
  if (name === '') throw badParam(parameter, `${parameter} is missing a column name. Columns: ${known}.`);
  throw badParam(parameter, `Unknown column ${quoted(name)} in ${parameter}. Columns: ${known}.`);
}

/** A comma-separated list of columns, each named once. */
/**
 * The columns a list names, in its order. Its cost grows with its length only: a list longer than the
 * columns is refused before any name is looked at, and each name is checked once against a map and a
 * set (a quadratic check once cost 700 ms of CPU for 20,000 names, without a token).
 */
function columnList(columns: readonly Column[], names: string[], parameter: string): Column[] {
  if (names.length > columns.length) {
    throw badParam(
      parameter,
      `${parameter} lists at most ${columns.length} columns, each once (the columns of this version); it lists more.`,
    );
  }
  if (names.some((f) => f === ''))
    throw badParam(parameter, `${parameter} lists column names separated by commas.`);
  const byName = new Map(columns.map((column) => [column.name, column]));
  const seen = new Set<string>();
  return names.map((name) => {
    if (seen.has(name))
      throw badParam(parameter, `${parameter} names ${quoted(name)} twice; list each column once.`);
    seen.add(name);
    return byName.get(name) ?? columnNamed(columns, name, parameter);
  });
}

function facetsOf(
  columns: readonly Column[],
  names: string[],
  facetable: ReadonlySet<string>,
  format: Format,
): Column[] {
  if (names.length === 0) return [];
  if (format !== 'json') {
    throw badParam('facet', `Facets come in the JSON envelope; ask for format=json, not ${format}.`);
  }
  const facets = columnList(columns, names, 'facet');
  const refused = facets.find((c) => !facetable.has(c.name));
  if (refused) {
    const takes = columns.filter((c) => facetable.has(c.name)).map((c) => c.name);
    throw badParam(
      'facet',
      `facet counts columns of listed values, true/false, years or short text; ${refused.name} is none of these. ` +
        (takes.length > 0 ? `This dataset's are: ${takes.join(', ')}.` : 'This dataset has none.'),
    );
  }
  return facets;
}

function sortOf(columns: readonly Column[], sort: string | undefined): ReadQuery['sort'] {
  if (sort === undefined) return undefined;
  if (sort.startsWith(' ')) {
    throw badParam(
      'sort',
      'sort=+column arrives as a space: a + in a URL means one. For ascending order give the column alone.',
    );
  }
  if (sort.includes(',')) {
    throw badParam('sort', `sort takes one column, like sort=-year; got ${quoted(sort)}.`);
  }
  const descending = sort.startsWith('-');
  return { column: columnNamed(columns, descending ? sort.slice(1) : sort, 'sort'), descending };
}

/**
 * Checks what the Zod contract cannot: that every parameter is known and given once (`facet` may
 * repeat), and that `fields`, `sort`, `facet` and `filter[…]` name columns of this version with
 * operators and values that fit them.
 */
export function resolveReadQuery(
  params: ValidatedParams,
  raw: URLSearchParams,
  columns: readonly Column[],
  /** The format content negotiation chose, used when `format` is not given. */
  negotiated: Format,
  /** The columns `facet` takes (src/query/facets.ts). */
  facetable: ReadonlySet<string>,
): ReadQuery {
  const seen = new Set<string>();
  const filters: Filter[] = [];
  const facetNames: string[] = [];
  for (const [name, value] of raw) {
    if (name === 'facet') {
      facetNames.push(...value.split(',').map((f) => f.trim()));
      continue;
    }
    // Every message names the parameter: a long one is cut short there.
    const parameter = clipped(name);
    if (seen.has(name)) throw givenMoreThanOnce(name);
    seen.add(name);
    const filter = filterParam.exec(name);
    if (filter) {
      const column = columnNamed(columns, filter[1] ?? '', parameter);
      filters.push(parseFilter(column, filter[2], value, parameter));
    } else if (!scalarParams.includes(name)) {
      throw badParam(
        parameter,
        `Unknown query parameter "${parameter}". Use limit, offset, fields, sort, format, q, facet, filter[column] or filter[column][op].`,
      );
    }
  }

  const format = params.format ?? negotiated;
  // One name more than the columns is enough to refuse a list that is too long.
  const fields = params.fields?.split(',', columns.length + 1).map((f) => f.trim());
  const sort = sortOf(columns, params.sort);
  const search = params.q === undefined ? undefined : { q: params.q, ...parseSearch(params.q) };
  return {
    format,
    ...(fields && { fields: columnList(columns, fields, 'fields') }),
    ...(sort && { sort }),
    filters,
    ...(search && { search }),
    facets: facetsOf(columns, facetNames, facetable, format),
    ...(params.limit !== undefined && { limit: params.limit }),
    offset: params.offset ?? 0,
  };
}

/** Whether rows are selected by content (filters or `q`): then the answer says how many match. */
export function isFiltered(query: ReadQuery): boolean {
  return query.filters.length > 0 || query.search !== undefined;
}

/** Whether the answer depends on every row (not only the slice asked for): filters, sort, facets. */
export function looksAtEveryRow(query: ReadQuery): boolean {
  return query.sort !== undefined || isFiltered(query) || query.facets.length > 0;
}

/** A canonical description of the representation, for the ETag. */
export function representationKey(route: string, query: ReadQuery): string {
  return [route, query.format, canonicalQuery(query)].join('|');
}
