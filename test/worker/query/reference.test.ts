import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellValue, Row } from '../../../src/datasets/types.ts';
import { fold } from '../../../src/query/text-fold.ts';
import { testApp } from '../support/app.ts';
import { seedVersions } from '../support/seed.ts';
import { minerals } from './minerals.ts';

/**
 * Filtering, search, paging, counting and facets against a plain in-memory reference, on random rows
 * stored in small pages (so matches straddle pages) and random queries.
 */

const names = [
  'Néodyme',
  'neodyme',
  'Cerium',
  'CÉRIUM ore',
  'rare earth',
  'Straße',
  'strasse',
  'a "b"',
  '=1+1',
];
const dates = ['1800-01-01', '1843-06-30', '1886-01-15', '2024-02-29'];

const rowArb = fc.record({
  name: fc.constantFrom(...names),
  group: fc.constantFrom('light', 'heavy', null),
  year: fc.option(fc.integer({ min: 1800, max: 1810 }), { nil: null }),
  share: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
  found: fc.option(fc.constantFrom(...dates), { nil: null }),
  magnetic: fc.boolean(),
  uses: fc.option(
    fc.constantFrom('magnets', 'Permanent MAGNETS', 'glass  polishing', 'rare-earth magnet ore'),
    {
      nil: null,
    },
  ),
});

type Op = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'contains' | 'startswith' | 'empty';
interface FilterCase {
  column: string;
  op: Op;
  raw: string;
}

const numberRaw = fc.integer({ min: 1799, max: 1811 }).map(String);
const filterArb: fc.Arbitrary<FilterCase> = fc.oneof(
  fc.record({
    column: fc.constant('year'),
    op: fc.constantFrom<Op>('eq', 'ne', 'lt', 'lte', 'gt', 'gte'),
    raw: numberRaw,
  }),
  fc.record({
    column: fc.constant('year'),
    op: fc.constant<Op>('in'),
    raw: fc.array(numberRaw, { minLength: 1, maxLength: 3 }).map((v) => v.join(',')),
  }),
  fc.record({
    column: fc.constant('share'),
    op: fc.constantFrom<Op>('lt', 'gte', 'ne'),
    raw: fc.integer({ min: -3, max: 3 }).map(String),
  }),
  fc.record({
    column: fc.constantFrom('year', 'found', 'uses', 'group'),
    op: fc.constant<Op>('empty'),
    raw: fc.constantFrom('true', 'false', 'TRUE'),
  }),
  fc.record({
    column: fc.constant('found'),
    op: fc.constantFrom<Op>('lt', 'lte', 'gt', 'gte', 'eq'),
    raw: fc.constantFrom(...dates),
  }),
  fc.record({
    column: fc.constant('group'),
    op: fc.constantFrom<Op>('eq', 'ne'),
    raw: fc.constantFrom('light', 'HEAVY', ''),
  }),
  fc.record({
    column: fc.constant('group'),
    op: fc.constant<Op>('in'),
    raw: fc.constantFrom('light', 'light,heavy', 'heavy,'),
  }),
  fc.record({
    column: fc.constantFrom('name', 'uses'),
    op: fc.constantFrom<Op>('contains', 'startswith'),
    raw: fc.constantFrom('ne', 'CER', 'é', 'ss', 'magnet', 'rare e', '"b"'),
  }),
  fc.record({
    column: fc.constant('name'),
    op: fc.constantFrom<Op>('eq', 'ne'),
    raw: fc.constantFrom(...names),
  }),
  fc.record({
    column: fc.constant('magnetic'),
    op: fc.constantFrom<Op>('eq', 'ne'),
    raw: fc.constantFrom('true', 'FALSE'),
  }),
);

const termArb = fc.constantFrom(
  'magnet',
  'MAGNETS',
  'rare',
  'earth ore',
  'neodyme',
  'strasse',
  'b',
  'glass polishing',
);

const queryArb = fc.record({
  filters: fc.uniqueArray(filterArb, { maxLength: 3, selector: (f) => `${f.column}[${f.op}]` }),
  terms: fc.uniqueArray(termArb, { maxLength: 2 }),
  sort: fc.option(fc.constantFrom('year', '-year', 'name', '-found'), { nil: undefined }),
  limit: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  offset: fc.integer({ min: 0, max: 12 }),
  facet: fc.boolean(),
});

/** The value a raw filter operand means, typed like the column as the README says. */
function typed(column: string, raw: string): CellValue {
  if (raw === '') return null;
  if (column === 'year' || column === 'share') return Number(raw);
  if (column === 'magnetic') return raw.toLowerCase() === 'true';
  if (column === 'group') return raw.toLowerCase();
  return raw;
}

function referenceMatch(row: Row, { column, op, raw }: FilterCase): boolean {
  const cell = row[column] ?? null;
  const value = typed(column, raw);
  switch (op) {
    case 'eq':
      return cell === value;
    case 'ne':
      return cell !== value;
    case 'lt':
      return cell !== null && value !== null && cell < value;
    case 'lte':
      return cell !== null && value !== null && cell <= value;
    case 'gt':
      return cell !== null && value !== null && cell > value;
    case 'gte':
      return cell !== null && value !== null && cell >= value;
    case 'in':
      return raw.split(',').some((item) => typed(column, item) === cell);
    case 'contains':
      return typeof cell === 'string' && fold(cell).includes(fold(raw));
    case 'startswith':
      return typeof cell === 'string' && fold(cell).startsWith(fold(raw));
    case 'empty':
      return (cell === null) === (raw.toLowerCase() === 'true');
  }
}

const referenceSearch = (row: Row, terms: string[]) =>
  terms.every((term) =>
    Object.values(row).some(
      (cell) => typeof cell === 'string' && fold(cell).replace(/\s+/g, ' ').includes(fold(term)),
    ),
  );

function referenceSort(rows: Row[], sort: string | undefined): Row[] {
  if (!sort) return rows;
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  return [...rows].sort((a, b) => {
    const x = a[name] ?? null;
    const y = b[name] ?? null;
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * (descending ? -1 : 1);
  });
}

interface Body {
  matchCount?: number;
  facets?: Record<string, { value: CellValue; count: number }[]>;
  links: Record<string, string>;
  data: Row[];
}

describe('queries agree with an in-memory reference', () => {
  it('on random rows and random filters, search, sort, pages and facets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { maxLength: 30 }), queryArb, async (generated, query) => {
        const rows: Row[] = generated.map((row, id) => ({ id, ...row }));
        const app = testApp([minerals]);
        await seedVersions(app.store, minerals, [rows], { pageTarget: 300 });

        const params = new URLSearchParams();
        for (const f of query.filters) params.set(`filter[${f.column}][${f.op}]`, f.raw);
        if (query.terms.length > 0)
          params.set('q', query.terms.map((t) => (t.includes(' ') ? `"${t}"` : t)).join(' '));
        if (query.sort) params.set('sort', query.sort);
        if (query.limit !== undefined) params.set('limit', String(query.limit));
        if (query.offset > 0) params.set('offset', String(query.offset));
        if (query.facet) params.set('facet', 'group');

        const matching = referenceSort(
          rows.filter(
            (row) => query.filters.every((f) => referenceMatch(row, f)) && referenceSearch(row, query.terms),
          ),
          query.sort,
        );
        const end = query.limit === undefined ? undefined : query.offset + query.limit;

        const res = await app.request(`/v1/datasets/minerals?${params}`);
        expect(res.status, params.toString()).toBe(200);
        const body = await res.json<Body>();
        expect(body.data, params.toString()).toEqual(matching.slice(query.offset, end));
        const filtered = query.filters.length > 0 || query.terms.length > 0;
        expect(body.matchCount).toBe(filtered ? matching.length : undefined);
        expect(body.links.next !== undefined).toBe(end !== undefined && end < matching.length);
        if (body.links.next) {
          const next = await (await app.request(body.links.next)).json<Body>();
          expect(next.data).toEqual(
            matching.slice(end, end === undefined ? undefined : end + (query.limit ?? 0)),
          );
        }
        if (query.facet) {
          const counts = new Map<CellValue, number>();
          for (const row of matching) counts.set(row.group ?? null, (counts.get(row.group ?? null) ?? 0) + 1);
          expect(new Map(body.facets?.group?.map((f) => [f.value, f.count]))).toEqual(counts);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('any query string', () => {
  it('is answered 200 or a 400 naming a parameter with a detail, never a 5xx', async () => {
    const app = testApp([minerals]);
    await seedVersions(app.store, minerals, [
      [
        {
          id: 1,
          name: 'Cerium',
          group: 'light',
          year: 1803,
          share: 1,
          found: null,
          magnetic: false,
          uses: null,
        },
      ],
    ]);
    const nameArb = fc.oneof(
      fc.constantFrom('q', 'facet', 'sort', 'fields', 'format', 'limit', 'offset'),
      fc
        .tuple(
          fc.constantFrom('id', 'name', 'group', 'year', 'found', 'magnetic', 'nope', ''),
          fc.constantFrom('', '[eq]', '[GT]', '[in]', '[contains]', '[empty]', '[x]', '[]'),
        )
        .map(([column, op]) => `filter[${column}]${op}`),
      fc.string(),
    );
    const valueArb = fc.oneof(
      fc.string(),
      fc.constantFrom('', '1', '1803', 'light', 'true', '2024-02-30', 'a,b', '"x'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(nameArb, valueArb), { maxLength: 4 }), async (pairs) => {
        const params = new URLSearchParams(pairs);
        const res = await app.request(`/v1/datasets/minerals?${params}`);
        if (res.status === 200) return;
        expect(res.status, params.toString()).toBe(400);
        const problem = await res.json<{ detail: string; parameter: string }>();
        expect(problem.detail.length).toBeGreaterThan(10);
        expect(typeof problem.parameter).toBe('string');
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
