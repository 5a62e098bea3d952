import { cellRef, columnIndexOf, rowRef } from './a1.ts';
import { isBlank, plainValue, type SheetCell } from './cell.ts';
import { approximateFlagging } from './coerce/approximate.ts';
import { type Doubt, doubtOf } from './coerce/coercion.ts';
import { duplicateKeyMessage, findDuplicateKeys, parseKey } from './duplicate-keys.ts';
import { fieldTitle } from './fields.ts';
import { type MappedColumn, mapHeaders } from './headers.ts';
import { formatSheetProblem, type SheetProblem, type TabProblem } from './sheet-problem.ts';
import { summariseWarnings } from './summarise-warnings.ts';
import type { CellValue, DatasetDefinition, Row } from './types.ts';

export interface TabReport {
  /** The typed rows that passed, in sheet order. Publish only when `problems` is empty. */
  rows: Row[];
  problems: SheetProblem[];
  warnings: SheetProblem[];
}

export interface TabOptions {
  /** The tab name used in references; defaults to the dataset's tab. */
  tab?: string;
  /**
   * Stop reading rows once this many problems are found (duplicate keys are then not looked for): a
   * tab of a million bad rows would otherwise hold a million problems in memory. No limit by default.
   */
  maxProblems?: number;
}

/** Rows read between the steps of `tabValidation`. */
const rowsPerStep = 2_000;

type SheetRow = readonly SheetCell[];

/** Sheet order: by row, then by column; whole-row problems after the row's cells. */
function sheetOrder(problems: SheetProblem[]): SheetProblem[] {
  return problems.toSorted((a, b) => a.row - b.row || columnIndexOf(a.cell) - columnIndexOf(b.cell));
}

function isBlankRow(row: SheetRow | undefined): boolean {
  return row === undefined || row.every(isBlank);
}

/** Filled cells under no header, reported once per column at the first such cell. */
function unheadedCells(rows: readonly SheetRow[], headerRow: SheetRow, tab: string): SheetProblem[] {
  const warned = new Set<number>();
  const warnings: SheetProblem[] = [];
  rows.forEach((row, r) => {
    row.forEach((cell, index) => {
      if (r === 0 || isBlank(cell) || !isBlank(headerRow[index]) || warned.has(index)) return;
      warned.add(index);
      const message = 'this column has no header, so its values are ignored; add a header or clear it';
      warnings.push({
        tab,
        cell: cellRef(index, r + 1),
        row: r + 1,
        column: null,
        message,
        value: plainValue(cell),
      });
    });
  });
  return warnings;
}

/** A title or blank rows above the headers: where the headers are, rather than every column missing. */
function misplacedHeaders(
  def: DatasetDefinition,
  cells: readonly SheetRow[],
  tab: string,
): string | undefined {
  const below = cells
    .slice(1, 6)
    .findIndex((row) => !isBlankRow(row) && mapHeaders(def, row, tab).problems.length === 0);
  return below === -1
    ? undefined
    : `the column headers are in row ${below + 2}: row 1 must hold them (delete the rows above)`;
}

function headerProblem(tab: string, message: string): TabReport {
  return {
    rows: [],
    problems: [{ tab, cell: 'A1', row: 1, column: null, message, value: null }],
    warnings: [],
  };
}

/**
 * Validates one tab as read from the sheet or a CSV file: `cells[0]` is the header row (sheet row 1),
 * rows may be ragged (the Sheets API drops trailing empty cells). Header problems stop the check there,
 * because every row would otherwise repeat them. Trailing blank rows are ignored; blank rows between
 * data rows are problems, since a sheet filter or sort would treat the rows below as another table.
 */
export function validateTab(
  def: DatasetDefinition,
  cells: readonly SheetRow[],
  options: TabOptions = {},
): TabReport {
  const steps = tabValidation(def, cells, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `validateTab` in steps: it yields after every 2,000 rows, so a Worker can let the isolate's other
 * requests run between them while it checks a large tab, as the PUT does between rows.
 */
export function* tabValidation(
  def: DatasetDefinition,
  cells: readonly SheetRow[],
  options: TabOptions = {},
): Generator<void, TabReport> {
  const tab = options.tab ?? def.tab;
  const maxProblems = options.maxProblems ?? Number.POSITIVE_INFINITY;
  const headerRow = cells[0] ?? [];
  if (isBlankRow(headerRow)) {
    return headerProblem(
      tab,
      misplacedHeaders(def, cells, tab) ?? 'the tab is empty: row 1 must hold the column headers',
    );
  }
  const mapping = mapHeaders(def, headerRow, tab);
  const warnings = [...mapping.warnings, ...unheadedCells(cells, headerRow, tab)];
  if (mapping.problems.length > 0) {
    const misplaced = misplacedHeaders(def, cells, tab);
    if (misplaced) return headerProblem(tab, misplaced);
    return {
      rows: [],
      problems: sheetOrder(mapping.problems),
      warnings: summariseWarnings(sheetOrder(warnings)),
    };
  }

  const doubts = rowDoubts(def, mapping.columns, tab);
  const flagged = approximateFlagging(def.schema);
  const doubted: Doubted[] = [];
  const lastFilled = cells.findLastIndex((row) => !isBlankRow(row));
  const problems: SheetProblem[] = [];
  const rows: Row[] = [];
  // Every row whose key parses, valid or not, with its sheet row: duplicates are found among all of them.
  const keyed: Row[] = [];
  const keyedSheetRows: number[] = [];
  for (let r = 1; r <= lastFilled && problems.length < maxProblems; r++) {
    if (r % rowsPerStep === 0) yield;
    const sheetRow = r + 1;
    const cellsOfRow = cells[r] ?? [];
    if (isBlankRow(cellsOfRow)) {
      const message = 'blank row between data rows; delete the row or fill it in';
      problems.push({ tab, cell: rowRef(sheetRow), row: sheetRow, column: null, message, value: null });
      continue;
    }
    doubted.push(...doubts(cellsOfRow, sheetRow));
    const parsed = parseSheetRow(def, flagged, mapping.columns, cellsOfRow, sheetRow, tab);
    if ('problems' in parsed) problems.push(...parsed.problems);
    else rows.push(parsed.row);
    const key = 'row' in parsed ? parsed.row : parseKey(def, parsed.input);
    if (key) {
      keyed.push(key);
      keyedSheetRows.push(sheetRow);
    }
  }
  if (problems.length < maxProblems)
    problems.push(...duplicateProblems(def, keyed, keyedSheetRows, mapping.columns, tab));
  const settled = settleDoubts(doubted, rows);
  problems.push(...settled.problems);
  warnings.push(...settled.warnings);
  return { rows, problems: sheetOrder(problems), warnings: summariseWarnings(sheetOrder(warnings)) };
}

/** A cell its column accepts but doubts (a bare 0.7 share), with the doubt. */
interface Doubted {
  warning: SheetProblem & { field: string };
  cell: SheetCell | undefined;
  doubt: Doubt;
}

/** The cells of a row that their column accepts but doubts. */
function rowDoubts(
  def: DatasetDefinition,
  columns: readonly MappedColumn[],
  tab: string,
): (cells: SheetRow, sheetRow: number) => Doubted[] {
  const doubted = columns.flatMap((column) => {
    const doubt = doubtOf(def.schema.shape[column.field]);
    return doubt ? [{ column, doubt }] : [];
  });
  return (cells, sheetRow) =>
    doubted.flatMap(({ column: { index, header, field }, doubt }) => {
      const cell = cells[index];
      const message = doubt.about(cell);
      if (message === undefined) return [];
      const warning = {
        tab,
        cell: cellRef(index, sheetRow),
        row: sheetRow,
        column: header,
        field,
        message,
        value: plainValue(cell),
      };
      return [{ warning, cell, doubt }];
    });
}

/**
 * Each doubt seen against the whole column as read: a warning, or a problem when the column settles
 * it (a bare 0.69 among shares like 14% is a fraction whose format was lost).
 */
function settleDoubts(doubted: readonly Doubted[], rows: readonly Row[]) {
  const problems: SheetProblem[] = [];
  const warnings: SheetProblem[] = [];
  const columns = new Map<string, CellValue[]>();
  const valuesOf = (field: string) => {
    const values = columns.get(field) ?? rows.map((row) => row[field] ?? null);
    columns.set(field, values);
    return values;
  };
  for (const { warning, cell, doubt } of doubted) {
    const held = doubt.among?.(cell, valuesOf(warning.field));
    if (held === undefined) warnings.push(warning);
    else problems.push({ ...warning, message: held });
  }
  return { problems, warnings };
}

function parseSheetRow(
  def: DatasetDefinition,
  flagged: ReturnType<typeof approximateFlagging>,
  columns: readonly MappedColumn[],
  cells: SheetRow,
  sheetRow: number,
  tab: string,
): { row: Row } | { problems: SheetProblem[]; input: Record<string, SheetCell> } {
  const input: Record<string, SheetCell> = {};
  for (const column of columns) input[column.field] = cells[column.index] ?? null;
  const result = def.schema.safeParse(flagged(input));
  if (result.success) return { row: result.data as Row };
  return {
    input,
    problems: result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '');
      const column = columns.find((c) => c.field === field);
      return {
        tab,
        cell: column ? cellRef(column.index, sheetRow) : rowRef(sheetRow),
        row: sheetRow,
        column: column?.header ?? fieldTitle(def, field),
        field,
        message: issue.message,
        value: plainValue(input[field]),
      };
    }),
  };
}

function headerOf(columns: readonly MappedColumn[], field: string): string | undefined {
  return columns.find((c) => c.field === field)?.header;
}

function duplicateProblems(
  def: DatasetDefinition,
  rows: readonly Row[],
  sheetRows: readonly number[],
  columns: readonly MappedColumn[],
  tab: string,
): SheetProblem[] {
  const keyColumn = columns.find((c) => c.field === def.key[0]);
  return findDuplicateKeys(def, rows).map(({ row, duplicateOf }) => {
    const sheetRow = sheetRows[row] ?? 0;
    const firstRow = sheetRows[duplicateOf] ?? 0;
    const duplicate = rows[row] ?? {};
    return {
      tab,
      cell: keyColumn ? cellRef(keyColumn.index, sheetRow) : rowRef(sheetRow),
      row: sheetRow,
      column: keyColumn?.header ?? null,
      ...(keyColumn ? { field: keyColumn.field } : {}),
      message: duplicateKeyMessage(
        def,
        { both: `rows ${firstRow} and ${sheetRow}`, later: `row ${sheetRow}` },
        { first: rows[duplicateOf] ?? {}, later: duplicate },
        (field) => headerOf(columns, field) ?? fieldTitle(def, field),
      ),
      value: keyColumn ? (duplicate[keyColumn.field] ?? null) : null,
    };
  });
}

/** The report as the sync prints it and the broken fixtures record it: problems, then warnings. */
export function formatReport(report: {
  problems: readonly TabProblem[];
  warnings: readonly TabProblem[];
}): string {
  const lines = [
    ...report.problems.map(formatSheetProblem),
    ...report.warnings.map((w) => `warning: ${formatSheetProblem(w)}`),
  ];
  return lines.map((line) => `${line}\n`).join('');
}
