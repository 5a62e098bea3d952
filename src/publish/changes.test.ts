import { describe, expect, it } from 'vitest';
import { memoryChanges } from '../../test/worker/support/memory-changes.ts';
import { items } from '../../test/worker/support/test-dataset.ts';
import type { Row } from '../datasets/types.ts';
import { utf8Length } from '../store/utf8-length.ts';
import { type ChangesDocument, changesDocumentText } from './changes.ts';

const head = { dataset: 'd', version: 2, previousVersion: 1, key: ['id'] };

function document(before: Row[], after: Row[], key = ['id'], budget?: number): ChangesDocument {
  const { sizes, lines } = memoryChanges(before, after, key);
  return JSON.parse(changesDocumentText({ ...head, key }, sizes, lines, budget)) as ChangesDocument;
}

describe('changesDocumentText', () => {
  it('names a changed row by its key as the new row spells it, though keys match whatever the case', () => {
    const doc = document(
      [{ id: 1, name: 'united states', share: 1, active: true }],
      [{ id: 1, name: 'United States', share: 2, active: true }],
      ['name'],
    );
    expect(doc.counts).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(doc.changed?.[0]?.key).toEqual({ name: 'United States' });
  });

  it('builds the stored document with before and after, or only counts past its budget', () => {
    const after = [{ id: 0, name: 'zero', share: null, active: true }, ...items(4).slice(1)];
    const doc = document(items(3), after);
    expect(doc).toEqual({
      ...head,
      counts: { added: 1, removed: 0, changed: 1 },
      complete: true,
      added: [items(4)[3]],
      removed: [],
      changed: [
        { key: { id: 0 }, before: items(1)[0], after: { id: 0, name: 'zero', share: null, active: true } },
      ],
    });
    const small = document(items(3), after, ['id'], 10);
    expect(small).toEqual({ ...head, counts: { added: 1, removed: 0, changed: 1 }, complete: false });
  });

  it('counts its budget in bytes, as KV does, not in characters', () => {
    const added = [{ id: 1, name: '稀土'.repeat(500), share: null, active: true }];
    const line = JSON.stringify(added[0]);
    // 1,000 characters of CJK text are 3,000 bytes.
    expect(document([], added, ['id'], line.length + 100).complete).toBe(false);
    expect(document([], added, ['id'], utf8Length(line)).complete).toBe(true);
  });

  it('is the JSON of the document, byte for byte, as JSON.stringify would write it', () => {
    const before = items(5);
    const after = [...items(5, 3), { id: 1, name: 'one', share: 3, active: false }];
    const { sizes, lines } = memoryChanges(before, after, ['id']);
    const text = changesDocumentText(head, sizes, lines);
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
  });
});
