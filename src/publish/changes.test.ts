import { describe, expect, it } from 'vitest';
import { asMap, keyed } from '../../test/worker/support/keyed-lines.ts';
import { items } from '../../test/worker/support/test-dataset.ts';
import { rowKey } from '../datasets/row-key.ts';
import { changesDocument } from './changes.ts';
import { diffLines } from './diff.ts';
import { utf8Length } from './utf8-length.ts';

describe('changesDocument', () => {
  it('names a changed row by its key as the new row spells it, though keys match whatever the case', () => {
    const before = keyed([{ id: 1, name: 'united states', share: 1, active: true }]);
    const after = keyed([{ id: 1, name: 'United States', share: 2, active: true }]);
    const byName = (rows: typeof before) =>
      rows.map(({ line }) => ({ key: rowKey(JSON.parse(line), ['name']), line }));
    const doc = changesDocument({
      dataset: 'd',
      version: 2,
      previousVersion: 1,
      key: ['name'],
      diff: diffLines(asMap(byName(before)), byName(after)),
      next: byName(after),
      previous: asMap(byName(before)),
    });
    expect(doc.counts).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(doc.changed?.[0]?.key).toEqual({ name: 'United States' });
  });

  it('builds the stored document with before and after, or only counts past its budget', () => {
    const before = keyed(items(3));
    const after = keyed([{ id: 0, name: 'zero', share: null, active: true }, ...items(4).slice(1)]);
    const input = {
      dataset: 'd',
      version: 2,
      previousVersion: 1,
      key: ['id'],
      diff: diffLines(asMap(before), after),
      next: after,
      previous: asMap(before),
    };
    const doc = changesDocument(input);
    expect(doc).toMatchObject({
      previousVersion: 1,
      complete: true,
      counts: { added: 1, removed: 0, changed: 1 },
    });
    expect(doc.added).toEqual([items(4)[3]]);
    expect(doc.changed).toEqual([
      { key: { id: 0 }, before: items(1)[0], after: { id: 0, name: 'zero', share: null, active: true } },
    ]);
    const small = changesDocument(input, 10);
    expect(small).toMatchObject({ complete: false, counts: { added: 1, removed: 0, changed: 1 } });
    expect(small.added).toBeUndefined();
  });

  it('counts its budget in bytes, as KV does, not in characters', () => {
    const added = keyed([{ id: 1, name: '稀土'.repeat(500), share: null, active: true }]);
    const line = added[0]?.line ?? '';
    const input = {
      dataset: 'd',
      version: 1,
      previousVersion: null,
      key: ['id'],
      diff: diffLines(new Map(), added),
      next: added,
      previous: new Map<string, string>(),
    };
    // 1,000 characters of CJK text are 3,000 bytes.
    expect(changesDocument(input, line.length + 100).complete).toBe(false);
    expect(changesDocument(input, utf8Length(line)).complete).toBe(true);
  });
});
