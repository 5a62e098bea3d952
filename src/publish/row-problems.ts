import type { DatasetDefinition, Row } from '../datasets/types.ts';
import { rowKey } from './diff.ts';

/** One reason a row cannot be published: `row` indexes the `rows` array sent, from 0. */
export interface RowProblem {
  row: number;
  /** The field at fault; null when the problem is the whole row. */
  column: string | null;
  message: string;
  value: unknown;
}

export type RowCheck = { ok: true; rows: Row[] } | { ok: false; problems: RowProblem[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every row through the dataset's schema, collecting every problem rather than the first, then the
 * key check over the rows that passed: a repeated key names both rows.
 */
export function checkRows(def: DatasetDefinition, input: readonly unknown[]): RowCheck {
  const problems: RowProblem[] = [];
  const rows: Row[] = [];
  const firstWithKey = new Map<string, number>();
  input.forEach((candidate, index) => {
    const result = def.schema.safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path[0];
        const column = typeof field === 'string' ? field : null;
        const value = column !== null && isObject(candidate) ? (candidate[column] ?? null) : candidate;
        problems.push({ row: index, column, message: issue.message, value });
      }
      return;
    }
    const row = result.data as Row;
    rows.push(row);
    const key = rowKey(row, def.key);
    const earlier = firstWithKey.get(key);
    if (earlier === undefined) firstWithKey.set(key, index);
    else
      problems.push({
        row: index,
        column: null,
        message: `Row ${index} repeats the key of row ${earlier} (${def.key.join(', ')} = ${key.slice(1, -1)}); keys must be unique.`,
        value: JSON.parse(key),
      });
  });
  return problems.length === 0 ? { ok: true, rows } : { ok: false, problems };
}
