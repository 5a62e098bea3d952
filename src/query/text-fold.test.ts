import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from './text-fold.ts';

describe('fold', () => {
  it.each([
    ['Curaçao', 'curacao'],
    ['ÉLYSÉE', 'elysee'],
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['ﬁne', 'fine'],
    ['İstanbul', 'istanbul'],
    ['Nd', 'nd'],
  ])('%s folds to %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it('is idempotent and ignores case on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(fold(fold(text))).toBe(fold(text));
        expect(fold(text.toUpperCase())).toBe(fold(text.toLowerCase()));
      }),
      { numRuns: 20_000 },
    );
  });
});
