import { cellRef, columnLetters, rowRef } from './a1.ts';
import { isBlank, plainValue, type SheetCell } from './cell.ts';
import { fieldTitle, isRequiredColumn } from './fields.ts';
import type { SheetProblem } from './sheet-problem.ts';
import type { DatasetDefinition } from './types.ts';

/** A sheet column that feeds a field. `index` is 0-based (column A is 0). */
export interface MappedColumn {
  index: number;
  header: string;
  field: string;
}

export interface HeaderMapping {
  columns: MappedColumn[];
  /** Missing required columns and duplicate headers: the tab cannot be read until they are fixed. */
  problems: SheetProblem[];
  /** Headers that match no field; their columns are ignored. */
  warnings: SheetProblem[];
}

/** "Share of global production (%)", "share_of_Global production" and "SHARE OF GLOBAL PRODUCTION" are one header. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function fieldLookup(def: DatasetDefinition): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const field of Object.keys(def.schema.shape)) {
    lookup.set(normalizeHeader(field), field);
    lookup.set(normalizeHeader(fieldTitle(def, field)), field);
  }
  return lookup;
}

/**
 * Maps the header row (row 1) to the dataset's fields. A header matches a field by its title or its id,
 * ignoring case, spacing and punctuation. Optional columns and derived flags may be absent.
 */
export function mapHeaders(
  def: DatasetDefinition,
  headerRow: readonly SheetCell[],
  tab = def.tab,
): HeaderMapping {
  const lookup = fieldLookup(def);
  const columns: MappedColumn[] = [];
  const problems: SheetProblem[] = [];
  const warnings: SheetProblem[] = [];
  headerRow.forEach((cell, index) => {
    if (isBlank(cell)) return;
    const header = String(plainValue(cell)).trim();
    const place = { tab, cell: cellRef(index, 1), row: 1, column: header, value: plainValue(cell) };
    const field = lookup.get(normalizeHeader(header));
    if (field === undefined) {
      warnings.push({ ...place, message: 'no such column in this dataset; its values are ignored' });
      return;
    }
    const earlier = columns.find((c) => c.field === field);
    if (earlier) {
      const message = `duplicate column: column ${columnLetters(earlier.index)} is also ${JSON.stringify(earlier.header)}; keep one`;
      problems.push({ ...place, field, message });
      return;
    }
    columns.push({ index, header, field });
  });
  for (const [field, schema] of Object.entries(def.schema.shape)) {
    if (columns.some((c) => c.field === field) || !isRequiredColumn(schema)) continue;
    const title = fieldTitle(def, field);
    const message = `missing required column; add a column headed ${JSON.stringify(title)}`;
    problems.push({ tab, cell: rowRef(1), row: 1, column: title, field, message, value: null });
  }
  return { columns, problems, warnings };
}
