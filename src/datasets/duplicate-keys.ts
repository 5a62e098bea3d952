import { describeValue } from './cell.ts';
import { rowKey } from './row-key.ts';
import type { CellValue, DatasetDefinition, Row } from './types.ts';

/** Two rows with the same key: `row` repeats the key of the earlier `duplicateOf` (indexes into the rows given). */
export interface DuplicateKey {
  row: number;
  duplicateOf: number;
}

/** Rows whose key columns repeat an earlier row's, each reported once against the first occurrence. */
export function findDuplicateKeys(def: DatasetDefinition, rows: readonly Row[]): DuplicateKey[] {
  const firstSeen = new Map<string, number>();
  const duplicates: DuplicateKey[] = [];
  rows.forEach((row, index) => {
    const key = rowKey(row, def.key);
    const earlier = firstSeen.get(key);
    if (earlier === undefined) firstSeen.set(key, index);
    else duplicates.push({ row: index, duplicateOf: earlier });
  });
  return duplicates;
}

/**
 * The key columns of a row that failed validation, coerced as the schema would, or undefined when a key
 * cell is itself at fault. A row with a bad cell elsewhere still has a key, and an editor fixing that
 * cell should also learn that the row repeats another's key, not meet it on the next run.
 */
export function parseKey(def: DatasetDefinition, input: Readonly<Record<string, unknown>>): Row | undefined {
  const key: Row = {};
  for (const field of def.key) {
    const result = def.schema.shape[field]?.safeParse(input[field]);
    if (!result?.success) return undefined;
    key[field] = result.data as CellValue;
  }
  return key;
}

/** `Country "China" and Year 2023`: the key, each column named by `label` (a sheet header or a field id). */
function describeKey(def: DatasetDefinition, row: Row, label: (field: string) => string): string {
  return def.key.map((field) => `${label(field)} ${describeValue(row[field] ?? null)}`).join(' and ');
}

/**
 * `duplicate key: rows 2 and 4 both have Country "China" and Year 2023`, quoting the earlier row; when
 * the later one writes the key differently (keys ignore letter case and Unicode form), how it does, so neither row is
 * misquoted.
 */
export function duplicateKeyMessage(
  def: DatasetDefinition,
  names: { both: string; later: string },
  rows: { first: Row; later: Row },
  label: (field: string) => string,
): string {
  const first = describeKey(def, rows.first, label);
  const later = describeKey(def, rows.later, label);
  const differently =
    later === first ? '' : ` (${names.later} writes it ${later}; keys ignore letter case and Unicode form)`;
  return `duplicate key: ${names.both} both have ${first}${differently}`;
}
