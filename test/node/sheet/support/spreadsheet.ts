import type { sheets_v4 } from '@googleapis/sheets';
import { columnIndexOf, columnLetters } from '../../../../src/datasets/a1.ts';
import { enteredCell } from '../../../shared/entered-cell.ts';
import { instantOfSerial } from './zoned-time.ts';

/**
 * Small fakes of SpreadsheetApp's Spreadsheet, Sheet and Range, written from the Apps Script
 * reference: the calls the add-on makes, answering as Apps Script does. A cell holds what Apps
 * Script hands over: `getValues` a number, string, boolean or Date ('' when empty, the error text
 * for a formula error), `getDisplayValues` the text shown, `getNumberFormats` the pattern
 * ("General" for an automatic format), plus its note and background.
 */
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface FakeCell {
  value: number | string | boolean | Date;
  display: string;
  format: string;
  note: string;
  background: string;
}

const defaultBackground = '#ffffff';
const automatic = 'General';

const emptyCell = (): FakeCell => ({
  value: '',
  display: '',
  format: automatic,
  note: '',
  background: defaultBackground,
});

/** What a Sheets API cell is in Apps Script's terms, dates in the spreadsheet's time zone. */
export function appsScriptCell(cell: sheets_v4.Schema$CellData | undefined, zone: string): FakeCell {
  const value = cell?.effectiveValue;
  const format = cell?.effectiveFormat?.numberFormat;
  const base = { ...emptyCell(), format: format?.pattern ?? automatic };
  if (!value) return base;
  const display = cell?.formattedValue ?? '';
  if (value.errorValue) return { ...base, value: display, display };
  if (typeof value.boolValue === 'boolean') return { ...base, value: value.boolValue, display };
  if (typeof value.numberValue === 'number') {
    const dated = format?.type === 'DATE' || format?.type === 'DATE_TIME' || format?.type === 'TIME';
    return {
      ...base,
      value: dated ? new Date(instantOfSerial(value.numberValue, zone)) : value.numberValue,
      display,
    };
  }
  return { ...base, value: value.stringValue ?? '', display: value.stringValue ?? '' };
}

const columnIndex = (letters: string) => columnIndexOf(`${letters}1`);

/** `C5`, `A1:D4`, `4:4` → 0-based bounds, end-exclusive; rows without columns span the sheet's width. */
function parseA1(a1: string, width: number) {
  const cells = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1);
  if (cells) {
    const [, c1, r1, c2, r2] = cells;
    return {
      row: Number(r1) - 1,
      column: columnIndex(c1 as string),
      rows: (r2 ? Number(r2) : Number(r1)) - Number(r1) + 1,
      columns: (c2 ? columnIndex(c2) : columnIndex(c1 as string)) - columnIndex(c1 as string) + 1,
    };
  }
  const rows = /^(\d+):(\d+)$/.exec(a1);
  if (rows)
    return {
      row: Number(rows[1]) - 1,
      column: 0,
      rows: Number(rows[2]) - Number(rows[1]) + 1,
      columns: Math.max(1, width),
    };
  throw new Error(`Range not found: ${a1}`);
}

export class FakeRange
  implements
    Pick<
      Range,
      | 'getValues'
      | 'getDisplayValues'
      | 'getNumberFormats'
      | 'getNote'
      | 'getNotes'
      | 'getBackground'
      | 'getA1Notation'
      | 'getRow'
      | 'getColumn'
      | 'getNumRows'
      | 'getNumColumns'
    >
{
  private readonly owner: FakeSheet;
  private readonly row: number;
  private readonly column: number;
  private readonly rows: number;
  private readonly columns: number;

  constructor(owner: FakeSheet, row: number, column: number, rows: number, columns: number) {
    this.owner = owner;
    this.row = row;
    this.column = column;
    this.rows = rows;
    this.columns = columns;
  }

  private grid<T>(read: (cell: FakeCell) => T): T[][] {
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.columns }, (_, c) => read(this.owner.cellAt(this.row + r, this.column + c))),
    );
  }

  getValues() {
    return this.grid((cell) => (cell.value instanceof Date ? new Date(cell.value) : cell.value));
  }
  getDisplayValues() {
    return this.grid((cell) => cell.display);
  }
  getNumberFormats() {
    return this.grid((cell) => cell.format);
  }
  private first(): FakeCell {
    return this.owner.cellAt(this.row, this.column);
  }
  getNote() {
    return this.first().note;
  }
  getNotes() {
    return this.grid((cell) => cell.note);
  }
  /** The cell at a 1-based row and column of this range. */
  getCell(row: number, column: number) {
    return new FakeRange(this.owner, this.row + row - 1, this.column + column - 1, 1, 1);
  }
  getBackground() {
    return this.first().background;
  }
  /** Sets every cell's note; an empty note removes it. */
  setNote(note: string | null) {
    for (const row of this.each()) row.note = note ?? '';
    return this;
  }
  /** `null` resets to no colour, as Apps Script's `setBackground(null)` does. */
  setBackground(color: string | null) {
    for (const cell of this.each()) cell.background = color ?? defaultBackground;
    return this;
  }
  activate() {
    this.owner.parent.select(this.owner, this.getA1Notation());
    return this;
  }
  getA1Notation() {
    const start = `${columnLetters(this.column)}${this.row + 1}`;
    const end = `${columnLetters(this.column + this.columns - 1)}${this.row + this.rows}`;
    return start === end ? start : `${start}:${end}`;
  }
  getRow() {
    return this.row + 1;
  }
  getColumn() {
    return this.column + 1;
  }
  getNumRows() {
    return this.rows;
  }
  getNumColumns() {
    return this.columns;
  }
  private *each(): Generator<FakeCell> {
    for (let r = 0; r < this.rows; r++)
      for (let c = 0; c < this.columns; c++) yield this.owner.cellAt(this.row + r, this.column + c, true);
  }
}

export class FakeSheet implements Pick<Sheet, 'getName' | 'getSheetId' | 'getLastRow' | 'getLastColumn'> {
  readonly cells: FakeCell[][] = [];
  readonly parent: FakeSpreadsheet;
  private name: string;
  private readonly id: number;

  constructor(parent: FakeSpreadsheet, name: string, id: number) {
    this.parent = parent;
    this.name = name;
    this.id = id;
  }

  getName() {
    return this.name;
  }
  setName(name: string) {
    this.name = name;
    return this;
  }
  getSheetId() {
    return this.id;
  }
  getParent() {
    return this.parent;
  }
  /** A cell; with `create`, the grid grows to hold it (as typing into a far cell does). */
  cellAt(row: number, column: number, create = false): FakeCell {
    const cells = this.cells[row];
    const cell = cells?.[column];
    if (cell) return cell;
    if (!create) return emptyCell();
    while (this.cells.length <= row) this.cells.push([]);
    const line = this.cells[row] as FakeCell[];
    while (line.length <= column) line.push(emptyCell());
    return line[column] as FakeCell;
  }
  /** The last row and column holding a value (notes and colours do not count, as in Sheets). */
  getLastRow() {
    return this.cells.reduce((last, row, r) => (row.some((cell) => cell.value !== '') ? r + 1 : last), 0);
  }
  getLastColumn() {
    return this.cells.reduce(
      (last, row) =>
        Math.max(
          last,
          row.reduce((end, cell, c) => (cell.value !== '' ? c + 1 : end), 0),
        ),
      0,
    );
  }
  getDataRange() {
    return new FakeRange(this, 0, 0, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  getRange(a1OrRow: string | number, column?: number, rows = 1, columns = 1) {
    if (typeof a1OrRow === 'number')
      return new FakeRange(this, a1OrRow - 1, (column ?? 1) - 1, rows, columns);
    const bounds = parseA1(a1OrRow, this.getLastColumn());
    return new FakeRange(this, bounds.row, bounds.column, bounds.rows, bounds.columns);
  }
  activate() {
    this.parent.select(this, 'A1');
    return this;
  }
  /** An editor types into a cell: Sheets decides its value and format as it does for typed text. */
  type(a1: string, text: string) {
    const { row, column } = parseA1(a1, 1);
    const cell = this.cellAt(row, column, true);
    Object.assign(cell, {
      ...appsScriptCell(enteredCell(text), this.parent.getSpreadsheetTimeZone()),
      note: cell.note,
      background: cell.background,
    });
  }
  /** Inserts empty rows before a row (1-based), moving it and the rest down with their notes. */
  insertRowsBefore(before: number, count: number) {
    this.cells.splice(before - 1, 0, ...Array.from({ length: count }, () => []));
    return this;
  }
  /** Deletes rows (1-based, inclusive), moving the rest up as Sheets does. */
  deleteRows(from: number, count: number) {
    this.cells.splice(from - 1, count);
    return this;
  }
}

export class FakeSpreadsheet implements Pick<Spreadsheet, 'getId' | 'getName' | 'getSpreadsheetTimeZone'> {
  readonly sheets: FakeSheet[] = [];
  private active: FakeSheet | undefined;
  /** What an editor sees selected: `Production!C5`. */
  selection: string | undefined;

  private readonly id: string;
  private readonly zone: string;

  constructor(id: string, zone: string) {
    this.id = id;
    this.zone = zone;
  }

  getId() {
    return this.id;
  }
  getName() {
    return 'Rare earths';
  }
  getSpreadsheetTimeZone() {
    return this.zone;
  }
  getSheets() {
    return [...this.sheets];
  }
  getSheetByName(name: string) {
    return this.sheets.find((sheet) => sheet.getName() === name) ?? null;
  }
  getActiveSheet() {
    const sheet = this.active ?? this.sheets[0];
    if (!sheet) throw new Error('The fake spreadsheet has no sheet.');
    return sheet;
  }
  setActiveSheet(sheet: FakeSheet) {
    this.select(sheet, 'A1');
    return sheet;
  }
  select(sheet: FakeSheet, a1: string) {
    this.active = sheet;
    this.selection = `${sheet.getName()}!${a1}`;
  }
  insertSheet(name: string) {
    if (this.getSheetByName(name)) throw new Error(`A sheet with the name "${name}" already exists.`);
    const sheet = new FakeSheet(this, name, 1000 + this.sheets.length);
    this.sheets.push(sheet);
    return sheet;
  }
  /** A tab filled as if an editor had typed each text (or pasted the CSV). */
  addTab(name: string, rows: readonly (readonly string[])[]) {
    const sheet = this.insertSheet(name);
    rows.forEach((row, r) => {
      row.forEach((text, c) => {
        if (text !== '') sheet.type(`${columnLetters(c)}${r + 1}`, text);
      });
    });
    return sheet;
  }
}
