import { z } from 'zod';
import { formatted, type NumberFormat, type SheetCell } from './cell.ts';

/**
 * A cell as the Sheets API v4 gives it (`CellData`), reduced to what the catalogue reads: its typed
 * value, the text the sheet shows and its number format's type. The sync gets these from
 * `spreadsheets.get`, the add-on builds them from a Range; both pass them through `sheetCell` here, so a
 * cell means the same whichever way it travelled. Other members of `CellData` (styling, notes) are
 * allowed and ignored; nulls are what the API's own client types allow.
 */
export const CellDataSchema = z
  .object({
    effectiveValue: z
      .object({
        numberValue: z.number().nullish(),
        stringValue: z.string().nullish(),
        boolValue: z.boolean().nullish(),
        errorValue: z
          .object({ type: z.string().nullish(), message: z.string().nullish() })
          .nullish()
          .meta({ description: 'A formula error: `type` as the API names it (N_A, DIVIDE_BY_ZERO, REF…).' }),
      })
      .nullish()
      .meta({ description: 'The value the cell holds; absent for an empty cell. One member is set.' }),
    formattedValue: z
      .string()
      .nullish()
      .meta({ description: 'The text the sheet shows ("70%", "2024-01-08"), quoted back in messages.' }),
    effectiveFormat: z
      .object({ numberFormat: z.object({ type: z.string().nullish() }).nullish() })
      .nullish()
      .meta({
        description:
          '`numberFormat.type` (PERCENT, DATE, DATE_TIME, CURRENCY…) says what a number means: 0.7 in a PERCENT cell is 70 %.',
      }),
  })
  .meta({ description: 'One cell, as the Sheets API v4 `CellData`.' });

export type CellData = z.infer<typeof CellDataSchema>;

export const RowDataSchema = z
  .object({ values: z.array(CellDataSchema.nullish()).nullish() })
  .meta({ description: 'One row, as the Sheets API v4 `RowData`: its cells from column A.' });

export type RowData = z.infer<typeof RowDataSchema>;

/** A block of a tab as `spreadsheets.get` returns it: rows from (`startRow`, `startColumn`), 0-based. */
export interface GridData {
  startRow?: number | null;
  startColumn?: number | null;
  rowData?: readonly RowData[] | null;
}

/** A tab as read: the header row first, rows possibly ragged. */
export type TabCells = SheetCell[][];

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
export function sheetCell(cell: CellData | null | undefined): SheetCell {
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
export function tabCells(grids: readonly GridData[] | null | undefined): TabCells {
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
