import type { Row } from '../datasets/types.ts';
import type { Filter, ReadQuery } from './read-query.ts';

export function matchesAll(row: Row, filters: readonly Filter[]): boolean {
  return filters.every(({ column, value }) => (row[column.name] ?? null) === value);
}

/** Nulls sort last either way; otherwise numbers numerically and text by UTF-16 code unit (not locale), stably. */
export function rowComparator(sort: NonNullable<ReadQuery['sort']>): (a: Row, b: Row) => number {
  const name = sort.column.name;
  const direction = sort.descending ? -1 : 1;
  return (a, b) => {
    const x = a[name] ?? null;
    const y = b[name] ?? null;
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * direction;
  };
}

export function project(row: Row, fields: ReadQuery['fields']): Row {
  if (!fields) return row;
  const projected: Row = {};
  for (const { name } of fields) projected[name] = row[name] ?? null;
  return projected;
}
