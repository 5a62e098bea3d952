import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../datasets/columns.ts';
import { production } from '../datasets/production.ts';
import { cellText, displayColumns, formatNumber } from './columns.ts';

describe('formatNumber', () => {
  it('never changes a number: without its grouping commas it reads back as the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), fc.integer({ min: 0, max: 4 }), (m, k) => {
        const value = m / 10 ** k;
        const text = formatNumber(value, { percent: false });
        // d3-format writes a true minus sign (U+2212), as typesetting does.
        expect(Number(text.replaceAll(',', '').replace('−', '-'))).toBe(value);
        expect(text).toMatch(/^−?\d{1,3}(,\d{3})*(\.\d+)?$|^−?\d{4}$/);
      }),
    );
  });

  it('groups thousands but leaves four-digit whole numbers (years) alone, and adds % where the title says so', () => {
    expect(formatNumber(2023, { percent: false })).toBe('2023');
    expect(formatNumber(12_345, { percent: false })).toBe('12,345');
    expect(formatNumber(1234.5, { percent: false })).toBe('1,234.5');
    expect(formatNumber(70, { percent: true })).toBe('70%');
  });
});

describe('displayColumns and cellText', () => {
  const columns = displayColumns(production, columnsOf(production));

  it('fold an approximate flag into the value it marks', () => {
    expect(columns.map((c) => c.name)).toEqual(['country', 'year', 'share', 'source']);
    const share = columns.find((c) => c.name === 'share');
    expect(share).toMatchObject({ title: 'Share of global production (%)', numeric: true, percent: true });
    if (!share) return;
    expect(cellText(share, { share: 70, shareApproximate: true })).toBe('~70%');
    expect(cellText(share, { share: 11, shareApproximate: false })).toBe('11%');
    expect(cellText(share, { share: null, shareApproximate: false })).toBeNull();
  });

  it('keep the flag as a column of its own when its value is not shown', () => {
    const flagOnly = displayColumns(
      production,
      columnsOf(production).filter((c) => c.name !== 'share'),
    );
    const flag = flagOnly.find((c) => c.name === 'shareApproximate');
    expect(flag && cellText(flag, { shareApproximate: true })).toBe('yes');
  });
});
