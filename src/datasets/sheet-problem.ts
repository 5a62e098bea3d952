import { tabRef } from './a1.ts';
import type { CellValue } from './types.ts';

/** One thing an editor must fix (or, as a warning, may want to look at), placed where they can click. */
export interface SheetProblem {
  tab: string;
  /** A1 reference: a cell ("C5") or, for a whole row, a row range ("4:4"). */
  cell: string;
  /** Sheet row number, 1-based, counting the header row. */
  row: number;
  /** The column's header as written in the sheet; null when the problem is about a whole row. */
  column: string | null;
  /** Field id of the column, when the header maps to one. */
  field?: string;
  message: string;
  /** What the cell holds, as read from the sheet. */
  value: CellValue;
}

/** `Production!C5 (row 5, column "Share"): expected a percentage, got "seventy"; write it like 70% or ~70%` */
export function formatSheetProblem(problem: SheetProblem): string {
  const column = problem.column === null ? '' : `, column ${JSON.stringify(problem.column)}`;
  return `${tabRef(problem.tab)}!${problem.cell} (row ${problem.row}${column}): ${problem.message}`;
}
