import type { CellValue, Row } from '../datasets/types.ts';
import type { ChangeCounts } from '../store/records.ts';
import type { HistoryStore, StagedDiff } from './history-store.ts';

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
 * One KV value holds at most 25 MiB, and the document is built as one string in the writer's 128 MB
 * isolate: past this budget only the counts are stored rather than failing the publish.
 */
const changesBudgetBytes = 8 * 1024 * 1024;

export interface ChangesHead {
  dataset: string;
  version: number;
  previousVersion: number | null;
  key: readonly string[];
}

/** The changed lines, each kind in order (the writer's are queries over its staged rows). */
export type ChangedLines = Pick<HistoryStore, 'added' | 'removed' | 'changed'>;

export function countsOf(sizes: StagedDiff): ChangeCounts {
  return { added: sizes.added.rows, removed: sizes.removed.rows, changed: sizes.changed.rows };
}

/**
 * The stored document as JSON text, built from the canonical lines without parsing them (a line is
 * already the row's JSON), except to read the key of a changed row.
 */
export function changesDocumentText(
  head: ChangesHead,
  sizes: StagedDiff,
  lines: ChangedLines,
  budget = changesBudgetBytes,
): string {
  const counts = countsOf(sizes);
  // In bytes, as KV counts: a line of CJK text is three times its length.
  const size = sizes.added.bytes + sizes.removed.bytes + sizes.changed.bytes * 2 + 64 * sizes.changed.rows;
  const complete = size <= budget;
  const members = JSON.stringify({ ...head, key: [...head.key], counts, complete });
  if (!complete) return members;
  const parts = [members.slice(0, -1), ',"added":['];
  const list = (items: Iterable<string>) => {
    let first = true;
    for (const item of items) {
      parts.push(first ? item : `,${item}`);
      first = false;
    }
  };
  list(lines.added());
  parts.push('],"removed":[');
  list(lines.removed());
  parts.push('],"changed":[');
  list(
    (function* () {
      for (const { before, after } of lines.changed()) {
        const row = JSON.parse(after) as Row;
        // The key as the new row spells it: the diff's own key string is case-folded for matching.
        const key = Object.fromEntries(head.key.map((column) => [column, row[column] ?? null]));
        yield `{"key":${JSON.stringify(key)},"before":${before},"after":${after}}`;
      }
    })(),
  );
  parts.push(']}');
  return parts.join('');
}
