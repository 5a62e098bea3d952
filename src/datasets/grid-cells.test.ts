import { describe, expect, it } from 'vitest';
import { enteredCell } from '../../test/shared/entered-cell.ts';
import { formatted } from './cell.ts';
import { sheetCell, tabCells } from './grid-cells.ts';

describe('sheetCell', () => {
  it('keeps a number’s format and the text the sheet shows, so the catalogue can tell 70 % from 0.7', () => {
    expect(sheetCell(enteredCell('70%'))).toEqual(formatted(0.7, 'PERCENT', '70%'));
    expect(sheetCell(enteredCell('2024-01-08'))).toEqual(formatted(45299, 'DATE', '2024-01-08'));
    expect(sheetCell(enteredCell('1,234'))).toEqual(formatted(1234, 'NUMBER', '1,234'));
    expect(sheetCell(enteredCell('0.7'))).toBe(0.7);
  });

  it('passes text, booleans and formula errors as the editor sees them', () => {
    expect(sheetCell(enteredCell('~70%'))).toBe('~70%');
    expect(sheetCell(enteredCell('TRUE'))).toBe(true);
    expect(sheetCell(enteredCell('#N/A'))).toBe('#N/A');
    expect(sheetCell({ effectiveValue: { errorValue: { type: 'DIVIDE_BY_ZERO' } } })).toBe('#DIV/0!');
  });

  it('reads empty and format-only cells as empty', () => {
    expect(sheetCell(undefined)).toBeNull();
    expect(sheetCell({})).toBeNull();
    expect(sheetCell({ effectiveFormat: { numberFormat: { type: 'PERCENT' } } })).toBeNull();
  });
});

describe('tabCells', () => {
  it('places blocks by their start and fills the gaps the API leaves out', () => {
    const cells = tabCells([
      {
        startRow: 1,
        startColumn: 1,
        rowData: [
          { values: [{ effectiveValue: { stringValue: 'b2' } }] },
          {},
          { values: [{}, enteredCell('3') ?? {}] },
        ],
      },
    ]);
    expect(cells).toEqual([[], [null, 'b2'], [], [null, null, 3]]);
  });
});
