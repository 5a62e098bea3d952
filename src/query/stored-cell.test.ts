import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../datasets/types.ts';
import { storedCellReader } from './stored-cell.ts';

const cell = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '\\', '\\"', 'a,"b":1', '{"b":2}', ',"b":"x"'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

describe('storedCellReader', () => {
  it('reads every cell of any flat row as JSON.parse would', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1 }), { minLength: 1, maxLength: 6 }),
        fc.array(cell, { minLength: 6, maxLength: 6 }),
        (names, cells) => {
          const row: Row = Object.fromEntries(names.map((name, i) => [name, cells[i] ?? null]));
          const line = JSON.stringify(row);
          for (const name of names) expect(storedCellReader(name)(line)).toEqual(JSON.parse(line)[name]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a missing cell as empty and does not mistake text for a member', () => {
    const line = JSON.stringify({ a: 'x,"b":1', c: 2 });
    expect(storedCellReader('b')(line)).toBeNull();
    expect(storedCellReader('c')(line)).toBe(2);
  });
});
