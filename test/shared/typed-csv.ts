import { parse } from 'csv-parse/sync';
import type { TableField } from '../../src/datasets/table-schema.ts';

/**
 * A CSV cell read as a Frictionless reader types it from the Table Schema (the default missing value
 * is the empty string), so a test can compare the CSV with the JSON rows the way pandas or
 * `frictionless` would load it. Throws on text the declared type cannot hold.
 */
export function typedCell(field: TableField, text: string): unknown {
  if (text === '') return null;
  if (field.type === 'integer' || field.type === 'number') {
    const value = Number(text);
    if (!Number.isFinite(value)) throw new Error(`${field.name}: "${text}" is not a number`);
    return value;
  }
  if (field.type === 'boolean') {
    if (field.trueValues?.includes(text)) return true;
    if (field.falseValues?.includes(text)) return false;
    throw new Error(`${field.name}: "${text}" is neither true nor false`);
  }
  if (field.type === 'date' && !/^\d{4}-\d\d-\d\d$/.test(text)) throw new Error(`${field.name}: no date`);
  return text;
}

/** Every record of a CSV with a header row, typed by the schema's fields. */
export function typedRecords(csv: string, fields: readonly TableField[]): Record<string, unknown>[] {
  const records = parse(csv, { columns: true }) as Record<string, string>[];
  return records.map((record) =>
    Object.fromEntries(fields.map((f) => [f.name, typedCell(f, record[f.name] ?? '')])),
  );
}
