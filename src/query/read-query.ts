import { z } from 'zod';
import { clipped } from '../datasets/cell.ts';
import type { Column } from '../datasets/columns.ts';
import { badParam, givenMoreThanOnce } from './param-problem.ts';

export type Format = 'json' | 'csv';

export interface Filter {
  column: Column;
  /** The value to match, already typed like the column; null matches empty cells. */
  value: string | number | boolean | null;
}

export interface ReadQuery {
  format: Format;
  fields?: Column[];
  sort?: { column: Column; descending: boolean };
  filters: Filter[];
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
}

const scalarParams = ['limit', 'offset', 'fields', 'sort', 'format'];
const filterParam = /^filter\[([^\]]*)\]$/;
/** Numbers as JSON writes them (no hex, no padding), so a filter matches what the rows show. */
const decimalNumber = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** The same check as the date columns' own schema: 2024-02-30 is no date. */
const isoDate = z.iso.date();

/** How a message quotes what the caller sent: in quotes, cut short. */
const quoted = (text: string) => JSON.stringify(clipped(text));

function columnNamed(columns: readonly Column[], name: string, parameter: string): Column {
  const column = columns.find((c) => c.name === name);
  if (column) return column;
  const known = columns.map((c) => c.name).join(', ');
  if (name === '') throw badParam(parameter, `${parameter} is missing a column name. Columns: ${known}.`);
  throw badParam(parameter, `Unknown column ${quoted(name)} in ${parameter}. Columns: ${known}.`);
}

function typedFilterValue(column: Column, raw: string, parameter: string): Filter['value'] {
  if (raw === '') return null;
  switch (column.type) {
    case 'number':
    case 'integer': {
      const value = Number(raw);
      if (!decimalNumber.test(raw) || !Number.isFinite(value)) {
        throw badParam(parameter, `${parameter} must be a number, like ${parameter}=42; got ${quoted(raw)}.`);
      }
      if (column.type === 'integer' && !Number.isInteger(value)) {
        throw badParam(
          parameter,
          `${parameter} must be a whole number, like ${parameter}=42; got ${quoted(raw)}.`,
        );
      }
      return value;
    }
    case 'boolean': {
      // TRUE and FALSE are how a sheet shows them.
      const word = raw.toLowerCase();
      if (word === 'true' || word === 'false') return word === 'true';
      throw badParam(parameter, `${parameter} must be true or false; got ${quoted(raw)}.`);
    }
    default:
      return typedText(column, raw, parameter);
  }
}

/**
 * A value a text column could never hold would match nothing, silently: a 400 says what it can hold.
 * Listed values match whatever their case, as the sheet accepts them.
 */
function typedText(column: Column, raw: string, parameter: string): string {
  if (column.values) {
    const value = column.values.find((v) => v.toLowerCase() === raw.toLowerCase());
    if (value !== undefined) return value;
    throw badParam(parameter, `${parameter} must be one of ${column.values.join(', ')}; got ${quoted(raw)}.`);
  }
  if (column.format === 'date' && !isoDate.safeParse(raw).success) {
    throw badParam(
      parameter,
      `${parameter} must be a date that exists, as YYYY-MM-DD, like 2024-01-08; got ${quoted(raw)}.`,
    );
  }
  return raw;
}

/**
 * Checks what the Zod contract cannot: that every parameter is known and given once, and that
 * `fields`, `sort` and `filter[…]` name columns of this version with values of the right type.
 */
export function resolveReadQuery(
  params: ValidatedParams,
  raw: URLSearchParams,
  columns: readonly Column[],
  /** The format content negotiation chose, used when `format` is not given. */
  negotiated: Format,
): ReadQuery {
  const seen = new Set<string>();
  const filters: Filter[] = [];
  for (const [name, value] of raw) {
    // Every message names the parameter: a long one is cut short there.
    const parameter = clipped(name);
    if (seen.has(name)) throw givenMoreThanOnce(name);
    seen.add(name);
    const filter = filterParam.exec(name);
    if (filter) {
      const column = columnNamed(columns, filter[1] ?? '', parameter);
      filters.push({ column, value: typedFilterValue(column, value, parameter) });
    } else if (!scalarParams.includes(name)) {
      throw badParam(
        parameter,
        `Unknown query parameter "${parameter}". Use limit, offset, fields, sort, format or filter[column].`,
      );
    }
  }

  const fieldNames = params.fields?.split(',').map((f) => f.trim());
  if (fieldNames?.some((f) => f === ''))
    throw badParam('fields', 'fields lists column names separated by commas.');
  const repeated = fieldNames?.find((f, i) => fieldNames.indexOf(f) !== i);
  if (repeated) throw badParam('fields', `fields names ${quoted(repeated)} twice; list each column once.`);
  const fields = fieldNames?.map((f) => columnNamed(columns, f, 'fields'));

  let sort: ReadQuery['sort'];
  if (params.sort?.startsWith(' ')) {
    throw badParam(
      'sort',
      'sort=+column arrives as a space: a + in a URL means one. For ascending order give the column alone.',
    );
  }
  if (params.sort?.includes(',')) {
    throw badParam('sort', `sort takes one column, like sort=-year; got ${quoted(params.sort)}.`);
  }
  if (params.sort !== undefined) {
    const descending = params.sort.startsWith('-');
    sort = {
      column: columnNamed(columns, descending ? params.sort.slice(1) : params.sort, 'sort'),
      descending,
    };
  }

  return {
    format: params.format ?? negotiated,
    ...(fields && { fields }),
    ...(sort && { sort }),
    filters,
    ...(params.limit !== undefined && { limit: params.limit }),
    offset: params.offset ?? 0,
  };
}

/** Whether rows can be served as stored, without parsing any of them. */
export function isPlain(query: ReadQuery): boolean {
  return !query.fields && !query.sort && query.filters.length === 0;
}

/** A canonical description of the representation, for the ETag and the `next` link. */
export function representationKey(route: string, query: ReadQuery): string {
  return [
    route,
    query.format,
    query.fields?.map((c) => c.name).join(',') ?? '*',
    query.sort ? `${query.sort.descending ? '-' : ''}${query.sort.column.name}` : '',
    query.filters.map((f) => `${f.column.name}=${JSON.stringify(f.value)}`).join('&'),
    query.limit ?? '',
    query.offset,
  ].join('|');
}
