import { cellRef, columnLetters, rowRef } from './a1.ts';
import { clipped, isBlank, plainValue, type SheetCell } from './cell.ts';
import { closestName } from './closest-name.ts';
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

/** Unknown headers looked at for a rename: enough for any real tab, bounded for a pasted row of junk. */
const renameCandidates = 50;

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
  const unknown: (Omit<SheetProblem, 'message'> & { column: string })[] = [];
  headerRow.forEach((cell, index) => {
    if (isBlank(cell)) return;
    const header = String(plainValue(cell)).trim();
    const place = { tab, cell: cellRef(index, 1), row: 1, column: header, value: plainValue(cell) };
    const field = lookup.get(normalizeHeader(header));
    if (field === undefined) {
      unknown.push(place);
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
  const missing = Object.keys(def.schema.shape).filter((field) => !columns.some((c) => c.field === field));
  const renamed = renamedColumns(def, unknown.slice(0, renameCandidates), missing);
  const warnings: SheetProblem[] = [];
  for (const place of unknown) {
    const field = renamed.get(place);
    const quoted = JSON.stringify(clipped(place.column));
    if (field === undefined) {
      warnings.push({ ...place, message: 'no such column in this dataset; its values are ignored' });
      continue;
    }
    const title = JSON.stringify(fieldTitle(def, field));
    const schema = def.schema.shape[field];
    if (schema && isRequiredColumn(schema))
      problems.push({
        ...place,
        field,
        message: `${quoted} is not a column of this dataset; did you rename ${title}?`,
      });
    else
      warnings.push({
        ...place,
        field,
        message: `${quoted} is not a column of this dataset, so its values are ignored; did you rename ${title}?`,
      });
  }
  const renamedFields = new Set(renamed.values());
  for (const field of missing) {
    const schema = def.schema.shape[field];
    if (!schema || !isRequiredColumn(schema) || renamedFields.has(field)) continue;
    const title = fieldTitle(def, field);
    const message = `missing required column; add a column headed ${JSON.stringify(title)}`;
    problems.push({ tab, cell: rowRef(1), row: 1, column: title, field, message, value: null });
  }
  return { columns, problems, warnings };
}

/**
 * Unknown headers that look like a missing column renamed ("Share of world production (%)" for "Share
 * of global production (%)"): each header's nearest missing title, if near enough, each field once.
 */
function renamedColumns<T extends { column: string }>(
  def: DatasetDefinition,
  unknown: readonly T[],
  missing: readonly string[],
): Map<T, string> {
  const renamed = new Map<T, string>();
  const open = new Map(missing.map((field) => [fieldTitle(def, field), field]));
  for (const place of unknown) {
    const title = closestName(place.column, [...open.keys()], normalizeHeader);
    const field = title === undefined ? undefined : open.get(title);
    if (title === undefined || field === undefined) continue;
    renamed.set(place, field);
    open.delete(title);
  }
  return renamed;
}
