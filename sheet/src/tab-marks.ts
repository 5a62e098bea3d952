import { editorNote, type Mark, marked, notePrefix, notesByCell, unmarked } from './marks.ts';
import type { Issue } from './outcome.ts';
import { deleteJson, readJson, writeJson } from './stored-json.ts';

const key = (sheet: GoogleAppsScript.Spreadsheet.Sheet) => `ASSAY_MARKS_${sheet.getSheetId()}`;

/**
 * Replaces a tab's marks: the cells marked last time are given back their own note and colour (where
 * still ours), then each problem cell is marked. Remembered in the document's properties by sheet id,
 * so a renamed tab keeps them. Returns how many cells are marked now.
 */
export function remark(sheet: GoogleAppsScript.Spreadsheet.Sheet, problems: readonly Issue[]): number {
  const properties = PropertiesService.getDocumentProperties();
  for (const mark of readJson<Mark[]>(properties, key(sheet)) ?? []) {
    // A cell can be gone since (rows deleted past it): there is nothing left to unmark there, and
    // that must not stop the outcome from being shown.
    let range: GoogleAppsScript.Spreadsheet.Range;
    try {
      range = sheet.getRange(mark.cell);
    } catch {
      continue;
    }
    const restore = unmarked(mark, { note: range.getNote(), background: range.getBackground() });
    if (restore.note !== undefined) range.setNote(restore.note);
    if (restore.background !== undefined) range.setBackground(restore.background);
  }
  sweepMovedNotes(sheet);
  const marks: Mark[] = [];
  for (const [cell, messages] of notesByCell(problems)) {
    const range = sheet.getRange(cell);
    const { look, mark } = marked(cell, messages, {
      note: range.getNote(),
      background: range.getBackground(),
    });
    range.setNote(look.note);
    range.setBackground(look.background);
    marks.push(mark);
  }
  if (marks.length === 0) deleteJson(properties, key(sheet));
  else writeJson(properties, key(sheet), marks);
  return marks.length;
}

/**
 * Marks are remembered by place, and a note moves with its cell when rows or columns are inserted or
 * deleted before it. Any note of the add-on's still in the tab is given back the editor's part, so a
 * moved mark's note does not outlive its problem. (A moved highlight cannot be told from an editor's
 * own colour, so it is left.)
 */
function sweepMovedNotes(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
  const range = sheet.getDataRange();
  range.getNotes().forEach((row, r) => {
    row.forEach((note, c) => {
      if (note.startsWith(notePrefix)) range.getCell(r + 1, c + 1).setNote(editorNote(note));
    });
  });
}
