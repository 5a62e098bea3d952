import { rowKey } from '../../../src/datasets/row-key.ts';
import type { Row } from '../../../src/datasets/types.ts';
import type { ChangedLines } from '../../../src/publish/changes.ts';
import type { StagedDiff } from '../../../src/publish/history-store.ts';
import { utf8Length } from '../../../src/store/utf8-length.ts';

/**
 * The plain reference for the writer's diff by SQL: the previous and next rows by key, in memory.
 * Lines are `JSON.stringify(row)`, as the canonical form is for rows with their columns in order.
 */
export function memoryChanges(
  previousRows: readonly Row[],
  nextRows: readonly Row[],
  key: readonly string[],
) {
  const keyed = (rows: readonly Row[]) =>
    rows.map((row) => ({ key: rowKey(row, key), line: JSON.stringify(row) }));
  const previous = keyed(previousRows);
  const next = keyed(nextRows);
  const before = new Map(previous.map((row) => [row.key, row.line]));
  const after = new Set(next.map((row) => row.key));
  const added = next.filter((row) => !before.has(row.key)).map((row) => row.line);
  const removed = previous.filter((row) => !after.has(row.key)).map((row) => row.line);
  const changed = next
    .filter((row) => before.has(row.key) && before.get(row.key) !== row.line)
    .map((row) => ({ before: before.get(row.key) ?? '', after: row.line }));
  const sized = (lines: string[]) => ({
    rows: lines.length,
    bytes: lines.reduce((n, l) => n + utf8Length(l), 0),
  });
  const sizes: StagedDiff = {
    previousRows: previous.length,
    added: sized(added),
    removed: sized(removed),
    changed: sized(changed.map((c) => c.after)),
  };
  const lines: ChangedLines = { added: () => added, removed: () => removed, changed: () => changed };
  return { sizes, lines };
}
