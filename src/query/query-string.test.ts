import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column } from '../datasets/columns.ts';
import type { CellValue } from '../datasets/types.ts';
import { RowsQuery } from '../routes/schemas.ts';
import { type Filter, parseFilter } from './filters.ts';
import { canonicalQuery } from './query-string.ts';
import { type ReadQuery, representationKey, resolveReadQuery } from './read-query.ts';

const columns: Column[] = [
  { name: 'id', type: 'integer', nullable: false },
  { name: 'name', type: 'string', nullable: false },
  { name: 'share', type: 'number', nullable: true },
  { name: 'active', type: 'boolean', nullable: false },
  { name: 'group', type: 'string', nullable: true, values: ['light', 'heavy'] },
];

const filterValue = (column: Column): fc.Arbitrary<CellValue> => {
  const typed = {
    integer: fc.integer({ min: -1e9, max: 1e9 }),
    number: fc.double({ noNaN: true, noDefaultInfinity: true }),
    boolean: fc.boolean(),
    string: column.values ? fc.constantFrom(...column.values) : fc.string({ minLength: 1 }),
  }[column.type] as fc.Arbitrary<CellValue>;
  return column.nullable ? fc.option(typed, { nil: null }) : typed;
};

const query: fc.Arbitrary<ReadQuery> = fc.record({
  format: fc.constantFrom('json' as const, 'csv' as const, 'ndjson' as const),
  fields: fc.option(fc.shuffledSubarray(columns, { minLength: 1 }), { nil: undefined }),
  sort: fc.option(fc.record({ column: fc.constantFrom(...columns), descending: fc.boolean() }), {
    nil: undefined,
  }),
  filters: fc
    .uniqueArray(fc.constantFrom(...columns), { selector: (c) => c.name, maxLength: 3 })
    .chain((cs) =>
      fc.tuple(
        ...cs.map((column) =>
          filterValue(column).map(
            (value): Filter => parseFilter(column, 'eq', value === null ? '' : String(value), 'p'),
          ),
        ),
      ),
    ),
  facets: fc.constant([]),
  limit: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
  offset: fc.integer({ min: 0, max: 999_999_999 }),
});

/** What the API and the pages do with a query string: the route's schema, then the query engine. */
function read(search: string): ReadQuery {
  const raw = new URLSearchParams(search);
  return resolveReadQuery(RowsQuery.parse(Object.fromEntries(raw)), raw, columns, 'json', new Set());
}

describe('canonicalQuery', () => {
  it('writes a query the engine reads back as the same representation', () => {
    fc.assert(
      fc.property(query, (q) => {
        expect(representationKey('r', read(canonicalQuery(q)))).toBe(representationKey('r', q));
      }),
    );
  });

  it('leaves defaults out, so equal representations are equal URLs', () => {
    expect(canonicalQuery({ format: 'json', filters: [], offset: 0 })).toBe('');
    expect(read('filter[id][GTE]=3&filter[group][In]=Heavy').filters.map((f) => f.canonical)).toEqual([
      '3',
      'heavy',
    ]);
    expect(read('offset=0&format=json').offset).toBe(0);
  });
});
