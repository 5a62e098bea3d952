import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../datasets/columns.ts';
import { production } from '../datasets/production.ts';
import type { Row } from '../datasets/types.ts';
import { Chart } from './chart.tsx';
import { displayColumns } from './columns.ts';

const columns = displayColumns(production, columnsOf(production));
const hint = { kind: 'bar' as const, x: 'country', y: 'share' };
const render = (rows: Row[]) =>
  String(<Chart id="c" title="T" hint={hint} rows={rows} columns={columns} keyColumns={production.key} />);
const widths = (svg: string) =>
  [...svg.matchAll(/<rect class="mark"[^>]* width="([^"]+)"/g)].map((m) => Number(m[1]));

describe('the bar chart', () => {
  it('draws one bar per row with a value, each as long as its value in proportion', () => {
    const row = fc.record({
      country: fc.string({ minLength: 1, maxLength: 20 }),
      share: fc.option(fc.double({ min: 0.5, max: 100, noNaN: true }), { nil: null }),
      shareApproximate: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const measured = rows.filter((r) => r.share !== null);
        const drawn = widths(render(rows));
        expect(drawn).toHaveLength(measured.length);
        const [first] = measured;
        if (!first?.share) return;
        measured.forEach((r, i) => {
          expect((drawn[i] ?? 0) / (drawn[0] ?? 1)).toBeCloseTo((r.share ?? 0) / (first.share ?? 1), 6);
        });
      }),
    );
  });

  it('says what it shows: a title, a text summary with every value, and the values on the marks', () => {
    const svg = render([
      { country: 'China', year: 2023, share: 70, shareApproximate: true },
      { country: 'China', year: 2024, share: 68, shareApproximate: false },
    ]);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="c-title">T: Share of global production (%) by Country</title>');
    // Bars of the same name are told apart by the rest of the key.
    expect(svg).toContain('China, 2023: ~70%; China, 2024: 68%');
    expect(svg).toContain('>~70%</text>');
    expect(render([{ country: 'X', share: null, shareApproximate: false }])).toBe('');
  });
});
