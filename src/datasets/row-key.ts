import type { CellValue, Row } from './types.ts';

/** Text keys match whatever their letter case or Unicode form: "China" and "china" are one country. */
const comparable = (value: CellValue | undefined) =>
  typeof value === 'string' ? value.normalize('NFC').toLowerCase() : (value ?? null);

/**
 * A row's key as one comparable string: the key columns' values, in key order. The duplicate-key
 * check and the writer's diff both match rows by it, so they cannot disagree on which rows are one.
 */
export function rowKey(row: Row, key: readonly string[]): string {
  return JSON.stringify(key.map((column) => comparable(row[column])));
}
