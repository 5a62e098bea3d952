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

/**
 * A problem of the workbook rather than of any cell: the tab is missing, or two tabs could be it.
 * Shaped like a SheetProblem with nothing to point at, so reports list both alike.
 */
export interface WorkbookProblem {
  tab: string;
  cell: null;
  row: null;
  column: null;
  field?: undefined;
  message: string;
  value: null;
}

/** What the sync reports for a tab: problems of its cells, or of the workbook. */
export type TabProblem = SheetProblem | WorkbookProblem;

/** Where a problem is, as a link to it reads: `Production!C5`; the tab alone for a problem of the workbook. */
export function sheetPlace(problem: Pick<TabProblem, 'tab' | 'cell'>): string {
  return problem.cell === null ? tabRef(problem.tab) : `${tabRef(problem.tab)}!${problem.cell}`;
}

/**
 * `Production!C5 (row 5, column "Share"): expected a percentage, got "seventy"; write it like 70% or ~70%`,
 * or `workbook: the spreadsheet has no tab named "Production"…` for a problem of no cell.
 */
export function formatSheetProblem(problem: TabProblem): string {
  if (problem.cell === null) return `workbook: ${problem.message}`;
  const column = problem.column === null ? '' : `, column ${JSON.stringify(problem.column)}`;
  return `${tabRef(problem.tab)}!${problem.cell} (row ${problem.row}${column}): ${problem.message}`;
}
