import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryChanges } from '../../test/worker/support/memory-changes.ts';
import { rowKey } from '../datasets/row-key.ts';
import type { Row } from '../datasets/types.ts';
import { type ChangesDocument, changesDocumentText } from '../publish/changes.ts';
import { composeChanges, type Delta } from './compose-changes.ts';

const key = ['name'];

/** Each version's diff against the one before, made by the writer's own diff and document code. */
function storedDiffs(versions: readonly Row[][]): ChangesDocument[] {
  return versions.map((rows, i) => {
    const { sizes, lines } = memoryChanges(versions[i - 1] ?? [], rows, key);
    const head = { dataset: 'd', version: i + 1, previousVersion: i === 0 ? null : i, key };
    return JSON.parse(changesDocumentText(head, sizes, lines)) as ChangesDocument;
  });
}

/** The plain reference: a version's rows by key, and a delta applied to them. */
const byKey = (rows: readonly Row[]) => new Map(rows.map((row) => [rowKey(row, key), row]));
function apply(rows: readonly Row[], delta: Delta): Map<string, Row> {
  const result = byKey(rows);
  for (const row of delta.removed) result.delete(rowKey(row, key));
  for (const { after } of delta.changed) result.set(rowKey(after, key), after);
  for (const row of delta.added) result.set(rowKey(row, key), row);
  return result;
}

// Few names and values, so that rows come back, change back and collide across versions.
const row = fc.record({
  name: fc.constantFrom('China', 'china', 'Japan', 'USA', 'Chile', 'Peru'),
  share: fc.integer({ min: 0, max: 3 }),
});
const version = fc.uniqueArray(row, { selector: (r) => rowKey(r, key), maxLength: 6 });

describe('composeChanges', () => {
  it('turns version N into version M for any sequence of publishes', () => {
    fc.assert(
      fc.property(fc.array(version, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (versions, a, b) => {
        const from = (a % versions.length) + 1;
        const to = from + (b % (versions.length - from + 1));
        const diffs = storedDiffs(versions).slice(from, to);
        const delta = composeChanges(key, diffs);
        const target = versions[to - 1] ?? [];
        expect(apply(versions[from - 1] ?? [], delta)).toEqual(byKey(target));
        // Net, not a replay: nothing listed that did not change between N and M.
        const start = byKey(versions[from - 1] ?? []);
        for (const { before, after } of delta.changed) {
          expect(JSON.stringify(before)).not.toBe(JSON.stringify(after));
          expect(start.get(rowKey(before, key))).toEqual(before);
        }
        expect(delta.added.every((r) => !start.has(rowKey(r, key)))).toBe(true);
        expect(delta.removed.every((r) => start.get(rowKey(r, key)) !== undefined)).toBe(true);
      }),
    );
  });

  it('drops a row added then removed, and keeps the first before and the last after', () => {
    const diffs = storedDiffs([
      [{ name: 'Japan', share: 1 }],
      [
        { name: 'Japan', share: 2 },
        { name: 'Peru', share: 1 },
      ],
      [{ name: 'Japan', share: 3 }],
    ]).slice(1);
    expect(composeChanges(key, diffs)).toEqual({
      added: [],
      removed: [],
      changed: [
        { key: { name: 'Japan' }, before: { name: 'Japan', share: 1 }, after: { name: 'Japan', share: 3 } },
      ],
    });
  });
});
