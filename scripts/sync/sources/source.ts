import type { TabCells } from '../../../src/datasets/grid-cells.ts';

/** A tab whose file could not be parsed at all: reported against that dataset only. */
export interface UnreadableTab {
  /** The sheet row (1-based) where reading stopped; null when the workbook, not a row, is at fault. */
  row: number | null;
  message: string;
}

/** Where the workbook comes from. A source reads; the run decides what the cells mean. */
export interface WorkbookSource {
  /** For the report: kind plus where (a folder or a spreadsheet id), nothing secret. */
  readonly description: Record<string, string>;
  /**
   * One read of every tab named. A tab the workbook lacks maps to undefined, so that dataset is
   * reported and the others go on.
   */
  readTabs(tabs: readonly string[]): Promise<Map<string, TabCells | UnreadableTab | undefined>>;
  /** What the Worker records as the version's `source`. */
  provenance(tab: string): Record<string, string>;
  /** The name the workbook gave the tab in the last read (a title differing in case), for cell references. */
  sheetName(tab: string): string;
  /** For a tab the last read did not find: the name there most like it (a tab renamed by a slip). */
  closestTab(tab: string): string | undefined;
}
