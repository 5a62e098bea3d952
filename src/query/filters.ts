import { z } from 'zod';
import { clipped } from '../datasets/cell.ts';
import type { Column } from '../datasets/columns.ts';
import type { CellValue } from '../datasets/types.ts';
import { badParam } from './param-problem.ts';
import { fold } from './text-fold.ts';

export const operators = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'contains',
  'startswith',
  'empty',
] as const;
export type Operator = (typeof operators)[number];

/** One `filter[column][op]=value`, its value already typed like the column (text operands folded). */
export type Filter = { column: Column; canonical: string } & (
  | { op: 'eq' | 'ne'; value: CellValue }
  | { op: 'lt' | 'lte' | 'gt' | 'gte'; value: number | string }
  | { op: 'in'; values: ReadonlySet<CellValue> }
  | { op: 'contains' | 'startswith'; text: string }
  | { op: 'empty'; empty: boolean }
);

/** Numbers as JSON writes them (no hex, no padding), so a filter matches what the rows show. */
const decimalNumber = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** The same check as the date columns' own schema: 2024-02-30 is no date. */
const isoDate = z.iso.date();

const quoted = (text: string) => JSON.stringify(clipped(text));
const isOrdered = (column: Column) =>
  column.type === 'number' || column.type === 'integer' || column.format === 'date';

/** What a column holds, as a message names it. */
function columnHolds(column: Column): string {
  if (column.type === 'integer') return 'whole numbers';
  if (column.type === 'number') return 'numbers';
  if (column.type === 'boolean') return 'true or false';
  if (column.format === 'date') return 'dates (YYYY-MM-DD)';
  if (column.values) return `one of ${column.values.join(', ')}`;
  return 'text';
}

/** The operators that mean something for a column: order for numbers and dates, words for text. */
function operatorsFor(column: Column): Operator[] {
  const text = column.type === 'string' ? (['contains', 'startswith'] as const) : [];
  const order = isOrdered(column) ? (['lt', 'lte', 'gt', 'gte'] as const) : [];
  return ['eq', 'ne', ...order, 'in', ...text, 'empty'];
}

const listed = (items: readonly string[]) => `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

/** One value typed like the column; empty means an empty cell. */
function typedValue(column: Column, raw: string, parameter: string): CellValue {
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

const needsValue = (parameter: string, column: Column) =>
  badParam(parameter, `${parameter} needs a value: ${column.name} holds ${columnHolds(column)}.`);

/**
 * A filter from its parameter: `op` as given (any case, absent for plain equality) and the raw value.
 * An operator the column's type has no use for is a 400 that lists the ones it takes.
 */
export function parseFilter(
  column: Column,
  givenOp: string | undefined,
  raw: string,
  parameter: string,
): Filter {
  const op = (givenOp ?? 'eq').toLowerCase();
  const allowed = operatorsFor(column);
  if (!allowed.includes(op as Operator)) {
    const known = (operators as readonly string[]).includes(op);
    const why = known
      ? `${op} does not apply to ${column.name}, which holds ${columnHolds(column)}`
      : `${quoted(clipped(givenOp ?? '', 40))} is not an operator`;
    throw badParam(parameter, `${parameter}: ${why}. ${column.name} takes ${listed(allowed)}.`);
  }
  const base = { column };
  switch (op as Operator) {
    case 'eq':
    case 'ne': {
      const value = typedValue(column, raw, parameter);
      return { ...base, op: op as 'eq' | 'ne', value, canonical: value === null ? '' : String(value) };
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const value = typedValue(column, raw, parameter);
      if (value === null) throw needsValue(parameter, column);
      return { ...base, op: op as 'lt', value: value as number | string, canonical: String(value) };
    }
    case 'in': {
      // An empty item is an empty cell, as an empty value is for equality.
      const values = raw.split(',').map((item) => typedValue(column, item, parameter));
      return {
        ...base,
        op: 'in',
        values: new Set(values),
        canonical: values.map((v) => (v === null ? '' : String(v))).join(','),
      };
    }
    case 'contains':
    case 'startswith': {
      const text = fold(raw);
      if (text === '') throw needsValue(parameter, column);
      return { ...base, op: op as 'contains', text, canonical: raw };
    }
    case 'empty': {
      const word = raw.toLowerCase();
      if (word !== 'true' && word !== 'false') {
        throw badParam(parameter, `${parameter} must be true or false; got ${quoted(raw)}.`);
      }
      return { ...base, op: 'empty', empty: word === 'true', canonical: word };
    }
  }
}

/** Whether a cell passes a filter. Order and text operators never match an empty cell; `ne` does. */
export function cellMatches(filter: Filter, cell: CellValue): boolean {
  switch (filter.op) {
    case 'eq':
      return cell === filter.value;
    case 'ne':
      return cell !== filter.value;
    case 'lt':
      return cell !== null && typeof cell === typeof filter.value && cell < filter.value;
    case 'lte':
      return cell !== null && typeof cell === typeof filter.value && cell <= filter.value;
    case 'gt':
      return cell !== null && typeof cell === typeof filter.value && cell > filter.value;
    case 'gte':
      return cell !== null && typeof cell === typeof filter.value && cell >= filter.value;
    case 'in':
      return filter.values.has(cell);
    case 'contains':
      return typeof cell === 'string' && fold(cell).includes(filter.text);
    case 'startswith':
      return typeof cell === 'string' && fold(cell).startsWith(filter.text);
    case 'empty':
      return (cell === null || cell === '') === filter.empty;
  }
}
