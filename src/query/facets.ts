import type { Column } from '../datasets/columns.ts';
import { type PropertySchema, rowProperties, typedBranches } from '../datasets/json-schema.ts';
import type { CellValue, DatasetDefinition } from '../datasets/types.ts';
import { storedCellReader } from './stored-cell.ts';

/** Values listed per facet; the rest are counted in `facetsMore`. */
export const facetLimit = 20;
/** Text up to this length is short enough to count by value (names, countries, places). */
const shortText = 120;

export interface FacetValue {
  value: CellValue;
  count: number;
}

export interface FacetCounts {
  facets: Record<string, FacetValue[]>;
  /** For a facet with more than `facetLimit` values: how many values were left out. */
  facetsMore?: Record<string, number>;
}

/** A column worth counting by value: listed values, true/false, years, short text. */
function isFacetable(prop: PropertySchema): boolean {
  const branches = typedBranches(prop).filter((b) => b.type !== 'null');
  return branches.some(
    (b) =>
      b.enum !== undefined ||
      b.type === 'boolean' ||
      (b.type === 'integer' && (b.minimum ?? 0) >= 1000 && (b.maximum ?? Infinity) <= 9999) ||
      (b.type === 'string' && b.format === undefined && (b.maxLength ?? Infinity) <= shortText),
  );
}

const facetableByDataset = new WeakMap<DatasetDefinition, ReadonlySet<string>>();

/** The columns of a dataset that `facet` takes, from its row schema (computed once per dataset). */
export function facetableColumns(def: DatasetDefinition): ReadonlySet<string> {
  let names = facetableByDataset.get(def);
  if (!names) {
    const properties = rowProperties(def);
    names = new Set(Object.keys(properties).filter((name) => isFacetable(properties[name] ?? {})));
    facetableByDataset.set(def, names);
  }
  return names;
}

const byCountThenValue = (a: FacetValue, b: FacetValue) =>
  b.count - a.count ||
  (a.value === b.value ? 0 : a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : 1);

/** Counts the values of some columns over stored row lines, reading only those cells. */
export function facetCounter(columns: readonly Column[]) {
  const counters = columns.map((column) => ({
    name: column.name,
    read: storedCellReader(column.name),
    counts: new Map<CellValue, number>(),
  }));
  return {
    add(line: string) {
      for (const { read, counts } of counters) {
        const value = read(line);
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    },
    /** Most frequent first (ties by value, empty last), at most `facetLimit` each. */
    result(): FacetCounts {
      const facets: Record<string, FacetValue[]> = {};
      const more: Record<string, number> = {};
      for (const { name, counts } of counters) {
        const values = [...counts].map(([value, count]) => ({ value, count })).sort(byCountThenValue);
        facets[name] = values.slice(0, facetLimit);
        if (values.length > facetLimit) more[name] = values.length - facetLimit;
      }
      return { facets, ...(Object.keys(more).length > 0 && { facetsMore: more }) };
    },
  };
}
