import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editorNote, highlight, marked, notePrefix, notesByCell, problemCell, unmarked } from './marks.ts';

describe('problemCell', () => {
  it('is the cell within its tab; a row is marked on its first cell; a tab-wide problem on none', () => {
    expect(problemCell('Production!C5')).toBe('C5');
    expect(problemCell("'It''s a tab'!AB12")).toBe('AB12');
    expect(problemCell('Production!4:4')).toBe('A4');
    expect(problemCell(undefined)).toBeUndefined();
    expect(problemCell('Production')).toBeUndefined();
  });
});

describe('notesByCell', () => {
  it('gathers each cell’s messages, and marks no more cells than the limit', () => {
    const notes = notesByCell(
      [
        { cell: 'P!C5', message: 'one' },
        { cell: 'P!D6', message: 'two' },
        { cell: 'P!C5', message: 'three' },
        { message: 'the whole tab' },
        { cell: 'P!E7', message: 'four' },
      ],
      2,
    );
    expect([...notes]).toEqual([
      ['C5', ['one', 'three']],
      ['D6', ['two']],
    ]);
  });
});

const look = fc.record({
  // A note starting "Assay: " is the add-on's by definition; an editor's own note is anything else.
  note: fc.oneof(
    fc.constant(''),
    fc.string().filter((note) => !note.startsWith(notePrefix)),
  ),
  background: fc.oneof(fc.constant('#ffffff'), fc.constantFrom('#00ff00', '#FFF2CC', highlight)),
});

describe('editorNote', () => {
  it('is the note without Assay’s lines, or the note itself when it is the editor’s alone', () => {
    expect(editorNote('Assay: one\nAssay: two\n\nchecked\n\nby Ana')).toBe('checked\n\nby Ana');
    expect(editorNote('Assay: one')).toBe('');
    expect(editorNote('my note\n\nAssay: quoted')).toBe('my note\n\nAssay: quoted');
  });
});

describe('marked and unmarked', () => {
  it('writes a note beginning "Assay: " above the editor’s own, and the highlight', () => {
    const { look: after } = marked('C5', ['expected a percentage'], {
      note: 'checked by Ana',
      background: '#ffffff',
    });
    expect(after).toEqual({ note: 'Assay: expected a percentage\n\nchecked by Ana', background: highlight });
  });

  it('gives back exactly what the cell had, whatever that was', () => {
    fc.assert(
      fc.property(look, fc.array(fc.string(), { minLength: 1, maxLength: 3 }), (before, messages) => {
        const { look: after, mark } = marked('C5', messages, before);
        expect(after.note.startsWith(notePrefix)).toBe(true);
        const restore = unmarked(mark, after);
        const restored = {
          note: restore.note ?? after.note,
          background: restore.background === null ? '#ffffff' : (restore.background ?? after.background),
        };
        expect(restored).toEqual(before);
      }),
    );
  });

  it('never nests a mark in an earlier one that moved with its cell', () => {
    const first = marked('C5', ['wrong'], { note: 'checked by Ana', background: '#ffffff' });
    const again = marked('C6', ['still wrong'], first.look);
    expect(again.look.note).toBe('Assay: still wrong\n\nchecked by Ana');
    expect(again.mark.note).toBe('checked by Ana');
  });

  it('keeps a note or colour the editor set after the mark', () => {
    const { mark } = marked('C5', ['wrong'], { note: '', background: '#ffffff' });
    expect(unmarked(mark, { note: 'fixed, see source', background: '#00ff00' })).toEqual({});
    expect(unmarked(mark, { note: 'Assay: wrong', background: '#00ff00' })).toEqual({ note: '' });
  });
});
