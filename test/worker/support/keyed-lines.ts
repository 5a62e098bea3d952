import { rowKey } from '../../../src/datasets/row-key.ts';
import type { Row } from '../../../src/datasets/types.ts';
import type { KeyedLine } from '../../../src/publish/diff.ts';

/** Rows as the writer stores them for a diff: keyed by `id`, one JSON line each. */
export const keyed = (rows: Row[]): KeyedLine[] =>
  rows.map((row) => ({ key: rowKey(row, ['id']), line: JSON.stringify(row) }));

/** A stored version's lines by key, as the writer reads the previous version. */
export const asMap = (lines: KeyedLine[]) => new Map(lines.map((l) => [l.key, l.line]));
