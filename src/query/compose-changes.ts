import { rowKey } from '../datasets/row-key.ts';
import type { CellValue, Row } from '../datasets/types.ts';
import type { ChangesDocument } from '../publish/changes.ts';

export interface ChangedRow {
  key: Record<string, CellValue>;
  before: Row;
  after: Row;
}

/** The net change between two versions, as /changes?from=&to= serves it. */
export interface Delta {
  added: Row[];
  removed: Row[];
  changed: ChangedRow[];
}

/** Where one key stands after the diffs seen so far, relative to the `from` version. */
type Net =
  | { kind: 'added'; after: Row }
  | { kind: 'removed'; before: Row }
  | { kind: 'changed'; before: Row; after: Row };

/** Rows are stored canonically (columns in schema order), so equal rows serialize equally. */
const same = (a: Row, b: Row) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Composes consecutive per-version diffs into one, by key: a row added then removed is absent, a row
 * changed twice keeps the first `before` and the last `after`, a row changed back is absent. The
 * diffs must be complete and in version order; the caller checks both.
 */
export function composeChanges(
  key: readonly string[],
  diffs: readonly Pick<ChangesDocument, 'added' | 'removed' | 'changed'>[],
): Delta {
  const net = new Map<string, Net>();
  const settle = (k: string, next: Net | undefined) => (next ? net.set(k, next) : net.delete(k));

  for (const diff of diffs) {
    for (const before of diff.removed ?? []) {
      const k = rowKey(before, key);
      const seen = net.get(k);
      if (seen?.kind === 'added') settle(k, undefined);
      else settle(k, { kind: 'removed', before: seen?.kind === 'changed' ? seen.before : before });
    }
    for (const { before, after } of diff.changed ?? []) {
      const k = rowKey(after, key);
      const seen = net.get(k);
      if (seen?.kind === 'added') settle(k, { kind: 'added', after });
      else {
        const first = seen?.kind === 'changed' ? seen.before : before;
        settle(k, same(first, after) ? undefined : { kind: 'changed', before: first, after });
      }
    }
    for (const after of diff.added ?? []) {
      const k = rowKey(after, key);
      const seen = net.get(k);
      if (seen?.kind === 'removed') {
        settle(k, same(seen.before, after) ? undefined : { kind: 'changed', before: seen.before, after });
      } else settle(k, { kind: 'added', after });
    }
  }

  const delta: Delta = { added: [], removed: [], changed: [] };
  for (const entry of net.values()) {
    if (entry.kind === 'added') delta.added.push(entry.after);
    else if (entry.kind === 'removed') delta.removed.push(entry.before);
    else {
      const { before, after } = entry;
      delta.changed.push({
        key: Object.fromEntries(key.map((column) => [column, after[column] ?? null])),
        before,
        after,
      });
    }
  }
  return delta;
}
