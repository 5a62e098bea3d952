import type { Issue } from './outcome.ts';

/** Every note the add-on writes starts so, which tells its notes from an editor's own. */
export const notePrefix = 'Assay: ';
/** The highlight of a problem cell (Sheets' "light red 3"). */
export const highlight = '#f4cccc';
/** Sheets' background for a cell nobody coloured. */
const noBackground = '#ffffff';
/** Cells marked per tab at most: each costs a few calls, and the sidebar lists them all anyway. */
export const markLimit = 50;

/** What a cell looked like before the add-on marked it, so that unmarking restores exactly that. */
export interface Mark {
  /** The cell in the tab, `C5`. */
  cell: string;
  /** The editor's own note, when the cell had one. */
  note?: string;
  /** The editor's own background, when it was not the default. */
  background?: string;
}

export interface CellLook {
  note: string;
  background: string;
}

/**
 * The cell a problem names, within its tab: `Production!C5` → `C5`; a row (`Production!4:4`, a blank
 * row or a header problem) is marked on its first cell. Undefined for a problem of the whole tab.
 */
export function problemCell(ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const local = ref.slice(ref.lastIndexOf('!') + 1);
  if (/^[A-Z]+\d+$/.test(local)) return local;
  const row = /^(\d+):\d+$/.exec(local)?.[1];
  return row === undefined ? undefined : `A${row}`;
}

/** Each problem cell once, with every message about it, in the order the Worker listed them. */
export function notesByCell(problems: readonly Issue[], limit = markLimit): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  for (const problem of problems) {
    const cell = problemCell(problem.cell);
    if (cell === undefined) continue;
    const messages = notes.get(cell);
    if (messages) messages.push(problem.message);
    else if (notes.size < limit) notes.set(cell, [problem.message]);
  }
  return notes;
}

/**
 * A note without the add-on's part: Assay's lines come first ("Assay: …", one per message, each a
 * single line), then a blank line and the editor's own note, if there was one.
 */
export function editorNote(note: string): string {
  if (!note.startsWith(notePrefix)) return note;
  const end = note.indexOf('\n\n');
  return end === -1 ? '' : note.slice(end + 2);
}

/** The note and background a problem cell gets, and what to remember to undo them. */
export function marked(
  cell: string,
  messages: readonly string[],
  before: CellLook,
): { look: CellLook; mark: Mark } {
  const ours = notePrefix + messages.join(`\n${notePrefix}`);
  // A cell can still carry an earlier mark that moved with it (rows inserted above): never nest ours.
  const own = editorNote(before.note);
  const note = own === '' ? ours : `${ours}\n\n${own}`;
  const mark: Mark = { cell };
  if (own !== '') mark.note = own;
  if (before.background.toLowerCase() !== noBackground) mark.background = before.background;
  return { look: { note, background: highlight }, mark };
}

/**
 * What to write back to unmark a cell: its note only while it is still one of ours (starts with
 * "Assay: "), its background only while it is still our highlight. An editor who has since written
 * their own note or chosen a colour keeps it. `null` background resets the cell to none.
 */
export function unmarked(mark: Mark, now: CellLook): { note?: string; background?: string | null } {
  const restore: { note?: string; background?: string | null } = {};
  if (now.note.startsWith(notePrefix)) restore.note = mark.note ?? '';
  if (now.background.toLowerCase() === highlight) restore.background = mark.background ?? null;
  return restore;
}
