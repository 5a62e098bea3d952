import type { CellValue, Row } from '../datasets/types.ts';
import { cellMatches } from './filters.ts';
import type { ReadQuery } from './read-query.ts';
import { lineMayMatchSearch, rowMatchesSearch } from './search.ts';
import { storedCellReader } from './stored-cell.ts';

/**
 * Whether a stored row line matches the query's filters and search. Filters read only their own
 * cells; the search looks at the folded line first and parses only the rows that may match. `ascii`
 * says the line is known to hold nothing beyond ASCII (its page does not).
 */
export function linePredicate(query: ReadQuery): (line: string, ascii: boolean) => boolean {
  const checks = query.filters.map((filter) => {
    const read = storedCellReader(filter.column.name);
    return (line: string) => cellMatches(filter, read(line));
  });
  const { search } = query;
  return (line, ascii) =>
    checks.every((check) => check(line)) &&
    (!search ||
      (lineMayMatchSearch(line, search, ascii) && rowMatchesSearch(JSON.parse(line) as Row, search)));
}

/** Nulls sort last either way; otherwise numbers numerically and text by UTF-16 code unit (not locale). */
export function compareCells(x: CellValue, y: CellValue, descending: boolean): number {
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return (x < y ? -1 : 1) * (descending ? -1 : 1);
}

export function project(row: Row, fields: ReadQuery['fields']): Row {
  if (!fields) return row;
  const projected: Row = {};
  for (const { name } of fields) projected[name] = row[name] ?? null;
  return projected;
}
