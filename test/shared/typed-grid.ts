import type { RowData } from '../../src/datasets/grid-cells.ts';
import { enteredCell } from './entered-cell.ts';

/**
 * A tab as the Sheets API (and the add-on) hands it over: each text typed into its cell as Sheets
 * stores it (`70%` a percent-formatted 0.7, `2024-01-08` a date serial, `#N/A` an error), an empty
 * string an empty cell, and trailing empty cells left out as the API leaves them out.
 */
export function typedGrid(rows: readonly (readonly string[])[]): RowData[] {
  return rows.map((row) => {
    const last = row.findLastIndex((text) => text !== '');
    return { values: row.slice(0, last + 1).map((text) => enteredCell(text) ?? {}) };
  });
}
