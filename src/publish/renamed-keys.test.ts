import { describe, expect, it } from 'vitest';
import { rowKey } from '../datasets/row-key.ts';
import type { Row } from '../datasets/types.ts';
import { renamedKeyMessage, renamedKeys } from './renamed-keys.ts';

const key = ['country', 'year'];
const row = (country: string, year = 2024): Row => ({ country, year, share: 1 });

/** What the writer's SQL diff hands over: rows whose key is new, and rows whose key went, each placed. */
function renames(before: Row[], after: Row[]) {
  const keysBefore = new Set(before.map((r) => rowKey(r, key)));
  const keysAfter = new Set(after.map((r) => rowKey(r, key)));
  const placed = (rows: Row[], keep: (r: Row) => boolean) =>
    rows.flatMap((r, position) => (keep(r) ? [{ position, line: JSON.stringify(r) }] : []));
  return renamedKeys({
    key,
    added: placed(after, (r) => !keysBefore.has(rowKey(r, key))),
    removed: placed(before, (r) => !keysAfter.has(rowKey(r, key))),
  });
}

describe('renamedKeys', () => {
  const before = [row('China'), row('United States'), row('Myanmar'), row('Australia')];

  it('pairs a removed and an added key in the same place', () => {
    const after = [row('China'), row('United States'), row('Myanmar'), row('Australia 🇦🇺')];
    expect(renames(before, after)).toEqual([
      {
        row: 3,
        before: { country: 'Australia', year: 2024 },
        after: { country: 'Australia 🇦🇺', year: 2024 },
      },
    ]);
  });

  it('pairs a key spelt nearly alike when the row also moved, and nothing unlike', () => {
    const after = [row('Myanmar'), row('Chína'), row('United States'), row('Australia'), row('India')];
    expect(renames(before, after)).toEqual([
      { row: 1, before: { country: 'China', year: 2024 }, after: { country: 'Chína', year: 2024 } },
    ]);
    expect(renames(before, [...before, row('India')])).toEqual([]);
    expect(renames(before, before.slice(1))).toEqual([]);
  });

  it('does not take a replaced row (its other columns changed too) or a new number for a rename', () => {
    const replaced = [row('China'), row('United States'), row('Myanmar'), { ...row('India'), share: 2 }];
    expect(renames(before, replaced)).toEqual([]);
    // Rows shifted down a year, and a new last one: the key 2000 went, 2003 came, nothing was renamed.
    const years = (from: number) => [0, 1, 2].map((i) => ({ country: 'x', year: from + i, share: i }));
    expect(
      renames(years(2000), [...years(2001).slice(0, 2), { country: 'x', year: 2003, share: 9 }]),
    ).toEqual([]);
    // Every row's year moved on, nothing else: each is that row with a new key.
    expect(
      renames(
        years(2000),
        years(2000).map((r) => ({ ...r, year: r.year + 10 })),
      ),
    ).toHaveLength(3);
  });

  it('says so in the words an editor reads, quoting only what changed', () => {
    expect(
      renamedKeyMessage('row 4', {
        before: { country: 'Australia', year: 2024 },
        after: { country: 'Australia 🇦🇺', year: 2024 },
      }),
    ).toBe(
      'row 4 looks like "Australia" renamed to "Australia 🇦🇺"; it counts as one row removed and one added',
    );
    expect(
      renamedKeyMessage('rows[2]', {
        before: { country: 'Laos', year: 2023 },
        after: { country: 'Lao', year: 2024 },
      }),
    ).toBe(
      'rows[2] looks like "Laos", 2023 renamed to "Lao", 2024; it counts as one row removed and one added',
    );
  });

  it('reports a bounded number of renames, whatever the rewrite', () => {
    const many = Array.from({ length: 500 }, (_, i) => row(`country ${i}`));
    const renamed = renames(
      many,
      many.map((r) => ({ ...r, country: `${r.country}!` })),
    );
    expect(renamed).toHaveLength(20);
    expect(renamed[0]).toMatchObject({ row: 0 });
  });
});
