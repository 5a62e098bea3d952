import type { Row } from './types.ts';

/**
 * A row's key as one comparable string: the key columns' values, in key order. The duplicate-key
 * check and the writer's diff both match rows by it, so they cannot disagree on which rows are one.
 */
export function rowKey(row: Row, key: readonly string[]): string {
  return JSON.stringify(key.map((column) => row[column] ?? null));
}
