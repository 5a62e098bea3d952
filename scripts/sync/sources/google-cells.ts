import type { sheets_v4 } from '@googleapis/sheets';
import { formatted, type NumberFormat, type SheetCell } from '../../../src/datasets/cell.ts';
import type { TabCells } from './source.ts';

const numberFormats: ReadonlySet<string> = new Set<NumberFormat>([
  'NUMBER',
  'PERCENT',
  'CURRENCY',
  'DATE',
  'TIME',
  'DATE_TIME',
  'SCIENTIFIC',
  'TEXT',
]);

/** What Sheets shows for each error type, for a cell whose formatted text did not come back. */
const errorText: Record<string, string> = {
  ERROR: '#ERROR!',
  NULL_VALUE: '#NULL!',
  DIVIDE_BY_ZERO: '#DIV/0!',
  VALUE: '#VALUE!',
  REF: '#REF!',
  NAME: '#NAME?',
  NUM: '#NUM!',
  N_A: '#N/A',
};

/**
 * One cell as the catalogue's coercions take it. A number keeps its number format, because 0.7 in a
 * percent-formatted cell means 70 and 45299 in a date-formatted cell is 2024-01-08; a formula error
 * arrives as the text the editor sees (`#N/A`), which the catalogue reports as such.
 */
export function sheetCell(cell: sheets_v4.Schema$CellData | undefined): SheetCell {
  const value = cell?.effectiveValue;
  if (!value) return null;
  if (value.errorValue) return cell?.formattedValue ?? errorText[value.errorValue.type ?? ''] ?? '#ERROR!';
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.numberValue === 'number') {
    const type = cell?.effectiveFormat?.numberFormat?.type;
    return type && numberFormats.has(type)
      ? formatted(value.numberValue, type as NumberFormat, cell?.formattedValue ?? undefined)
      : value.numberValue;
  }
  return null;
}

/**
 * A tab's grid data → rows of cells from A1. The API leaves out empty rows and trailing empty cells
 * and starts each block where the range did, so blocks are placed by their start row and column.
 */
export function tabCells(grids: readonly sheets_v4.Schema$GridData[] | undefined): TabCells {
  const rows: TabCells = [];
  for (const grid of grids ?? []) {
    const top = grid.startRow ?? 0;
    const left = grid.startColumn ?? 0;
    (grid.rowData ?? []).forEach((rowData, r) => {
      const row = rows[top + r] ?? [];
      (rowData.values ?? []).forEach((cell, c) => {
        row[left + c] = sheetCell(cell);
      });
      rows[top + r] = row;
    });
  }
  return Array.from(rows, (row) => Array.from(row ?? [], (cell) => cell ?? null));
}
