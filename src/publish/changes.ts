import type { CellValue, Row } from '../datasets/types.ts';
import type { ChangeCounts } from '../store/records.ts';
import type { KeyedLine, LineDiff } from './diff.ts';
import { utf8Length } from './utf8-length.ts';

/** What /versions/{n}/changes serves: the diff against the version before, by the dataset's key. */
export interface ChangesDocument {
  dataset: string;
  version: number;
  /** The version compared against; null for a dataset's first version, whose rows are all added. */
  previousVersion: number | null;
  key: string[];
  counts: ChangeCounts;
  /** False when the rows were too many to store beside the version; the counts still hold. */
  complete: boolean;
  added?: Row[];
  removed?: Row[];
  changed?: { key: Record<string, CellValue>; before: Row; after: Row }[];
}

/**
 * One KV value holds at most 25 MiB, and a diff of a large rewrite can be twice the rows it touches;
 * past this budget only the counts are stored rather than failing the publish.
 */
const changesBudgetBytes = 20 * 1024 * 1024;

export interface ChangesInput {
  dataset: string;
  version: number;
  previousVersion: number | null;
  key: readonly string[];
  diff: LineDiff;
  next: readonly KeyedLine[];
  /** The previous version's lines by key. */
  previous: ReadonlyMap<string, string>;
}

export function countsOf(diff: LineDiff): ChangeCounts {
  return { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length };
}

export function changesDocument(input: ChangesInput, budget = changesBudgetBytes): ChangesDocument {
  const { diff, next, previous } = input;
  const line = (index: number) => next[index]?.line ?? 'null';
  const before = (key: string) => previous.get(key) ?? 'null';
  const head = {
    dataset: input.dataset,
    version: input.version,
    previousVersion: input.previousVersion,
    key: [...input.key],
    counts: countsOf(diff),
  };
  // In bytes, as KV counts: a line of CJK text is three times its length.
  const size =
    diff.added.reduce((n, i) => n + utf8Length(line(i)), 0) +
    diff.removed.reduce((n, key) => n + utf8Length(before(key)), 0) +
    diff.changed.reduce((n, i) => n + utf8Length(line(i)) * 2 + 64, 0);
  if (size > budget) return { ...head, complete: false };

  return {
    ...head,
    complete: true,
    added: diff.added.map((i) => JSON.parse(line(i)) as Row),
    removed: diff.removed.map((key) => JSON.parse(before(key)) as Row),
    changed: diff.changed.map((i) => {
      const after = JSON.parse(line(i)) as Row;
      // The key as the new row spells it: the diff's own key string is case-folded for matching.
      return {
        key: Object.fromEntries(input.key.map((column) => [column, after[column] ?? null])),
        before: JSON.parse(before(next[i]?.key ?? '[]')) as Row,
        after,
      };
    }),
  };
}
