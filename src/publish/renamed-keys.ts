import { clipped } from '../datasets/cell.ts';
import { closestName } from '../datasets/closest-name.ts';
import type { SheetProblem } from '../datasets/sheet-problem.ts';
import type { CellValue, Row } from '../datasets/types.ts';

/** A new row whose key looks like an edit of a removed row's key: one row renamed, to an editor. */
export interface RenamedKey {
  /** The new row's index in the rows published. */
  row: number;
  /** The removed row's key, by key column. */
  before: Record<string, CellValue>;
  /** The new row's key, by key column. */
  after: Record<string, CellValue>;
}

/** Renames reported at most: an editor reads a few; a rewrite of every key is not a list of renames. */
export const maxRenames = 20;
/** Added rows looked at: a rename is an edit of a few rows, and each look parses rows. */
export const maxLooks = 1_000;
/** Removed rows whose keys' spelling is compared with an added one's, at most; beyond, only places are. */
const maxSpellings = 200;

/** A row on one side of a key change, where it stands (from 0) in its version, and its line. */
export interface PlacedLine {
  position: number;
  line: string;
}

export interface RenameInput {
  key: readonly string[];
  /** The first added rows (their key is new), in the new order, with their new positions. */
  added: readonly PlacedLine[];
  /** The first removed rows (their key went), in the previous order, with their previous positions. */
  removed: readonly PlacedLine[];
}

const keyOf = (row: Row, key: readonly string[]) =>
  Object.fromEntries(key.map((column) => [column, row[column] ?? null]));

/** Every column but the key's equal: the row is the same but for its key. */
function sameBesidesKey(a: Row, b: Row, key: readonly string[]): boolean {
  const columns = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const column of key) columns.delete(column);
  return [...columns].every((column) => (a[column] ?? null) === (b[column] ?? null));
}

/** A key's text values, for spelling, and the rest of it (numbers, booleans), which must match exactly. */
function keyParts(row: Row, key: readonly string[]) {
  const values = key.map((column) => row[column] ?? null);
  return {
    text: values.filter((value) => typeof value === 'string').join(' '),
    rest: JSON.stringify(values.filter((value) => typeof value !== 'string')),
  };
}

/**
 * The added rows that look like a removed row with its key changed: one in the same place with every
 * other column unchanged ("Australia" → "Australia 🇦🇺", or every row's year moved on), or one whose
 * key text is spelt nearly like a removed one's ("China" → "Chína", the row moved too). The diff still
 * counts each as one removed and one added (keys are how rows are matched); this lets the editor see
 * why, at the row. A replaced row (its other columns changed too) is not a rename. Bounded by its
 * input (the writer passes the first rows of each side) and by `maxRenames`.
 */
export function renamedKeys(input: RenameInput): RenamedKey[] {
  const { key } = input;
  const parse = (line: string) => JSON.parse(line) as Row;
  const removed = input.removed.map(({ position, line }) => ({ position, row: parse(line) }));
  const left = new Set(removed);
  const at = new Map(removed.map((r) => [r.position, r]));
  const spellings =
    removed.length <= maxSpellings ? removed.map((r) => ({ r, ...keyParts(r.row, key) })) : [];
  const renamed: RenamedKey[] = [];
  for (const { position, line } of input.added.slice(0, maxLooks)) {
    if (renamed.length === maxRenames || left.size === 0) break;
    const after = parse(line);
    let match = at.get(position);
    if (match === undefined || !left.has(match) || !sameBesidesKey(match.row, after, key)) {
      const { text, rest } = keyParts(after, key);
      const candidates = spellings.filter((c) => left.has(c.r) && c.rest === rest && c.text !== '');
      const near =
        text === ''
          ? undefined
          : closestName(
              text,
              candidates.map((c) => c.text),
            );
      match = candidates.find((c) => c.text === near)?.r;
    }
    if (match === undefined) continue;
    left.delete(match);
    renamed.push({ row: position, before: keyOf(match.row, key), after: keyOf(after, key) });
  }
  return renamed;
}

const shown = (value: CellValue) =>
  typeof value === 'string' ? JSON.stringify(clipped(value, 80)) : String(value);

/**
 * `row 4 looks like "Australia" renamed to "Australia 🇦🇺"; it counts as one row removed and one added`,
 * quoting only the key columns that changed. `row` is as the reader counts rows (a sheet row).
 */
export function renamedKeyMessage(row: string, renamed: Pick<RenamedKey, 'before' | 'after'>): string {
  const columns = Object.keys(renamed.after);
  const changed = columns.filter((column) => renamed.before[column] !== renamed.after[column]);
  const show = (values: Record<string, CellValue>) =>
    (changed.length === 1 ? changed : columns).map((column) => shown(values[column] ?? null)).join(', ');
  return `${row} looks like ${show(renamed.before)} renamed to ${show(renamed.after)}; it counts as one row removed and one added`;
}

/**
 * The renames as warnings at their rows of a tab. A tab is published only without blank rows between
 * its data rows (those are problems), so the published rows[i] is sheet row i + 2.
 */
export function renamedKeyWarnings(tab: string, renamed: readonly RenamedKey[] = []): SheetProblem[] {
  return renamed.map(({ row, ...keys }) => {
    const sheetRow = row + 2;
    const message = renamedKeyMessage(`row ${sheetRow}`, keys);
    return { tab, cell: `${sheetRow}:${sheetRow}`, row: sheetRow, column: null, message, value: null };
  });
}
