import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './closest-name.ts';

/** The textbook recurrence, with no shortcut: what editDistance must agree with. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  return (d[a.length] as number[])[b.length] as number;
}

describe('editDistance', () => {
  it('counts the edits from one text to the other', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('agrees with the textbook recurrence, and stops past a bound only to say it is past it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(8), (a, b, max) => {
        const exact = reference(a, b);
        expect(editDistance(a, b)).toBe(exact);
        expect(editDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
      }),
    );
  });
});

describe('closestName', () => {
  it('finds a slip or a rename, and nothing for a name unlike every candidate', () => {
    const options = ['source', 'spreadsheet', 'dataset', 'force', 'dry-run'];
    expect(closestName('froce', options)).toBe('force');
    expect(closestName('datset', options)).toBe('dataset');
    expect(closestName('dryrun', options)).toBe('dry-run');
    expect(closestName('verbose', options)).toBeUndefined();
    expect(closestName('', options)).toBeUndefined();
  });

  it('takes a name with a little added as near, but not a short name inside a long one', () => {
    expect(closestName('Australia 🇦🇺', ['Australia', 'Austria'])).toBe('Australia');
    expect(closestName('Share', ['Share of global production (%)'])).toBeUndefined();
  });

  it('suggests nothing when two candidates are equally near', () => {
    expect(closestName('cat', ['bat', 'hat'])).toBeUndefined();
  });

  it('rules out a very long name at once', () => {
    expect(closestName('x'.repeat(100_000), ['production', 'elements'])).toBeUndefined();
  });
});
