import { rowJsonSchema } from './json-schema.ts';
import type { DatasetDefinition } from './types.ts';

export type ColumnType = 'string' | 'number' | 'integer' | 'boolean';

/** A column as the read API sees it: enough to validate `fields`, `sort` and `filter` and to order CSV. */
export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** The only values a text column holds, when the schema lists them. */
  values?: string[];
  /** Text in a fixed format: `date` is an ISO `YYYY-MM-DD`. */
  format?: 'date';
}

interface PropertySchema {
  type?: string | string[];
  anyOf?: PropertySchema[];
  enum?: unknown[];
  format?: string;
}

/** The property and the branches of its `anyOf`, where an optional column keeps its real schema. */
const branchesOf = (prop: PropertySchema): PropertySchema[] => [
  prop,
  ...(prop.anyOf ?? []).flatMap(branchesOf),
];

function typesOf(prop: PropertySchema): string[] {
  if (prop.anyOf) return prop.anyOf.flatMap(typesOf);
  if (Array.isArray(prop.type)) return prop.type;
  if (prop.type) return [prop.type];
  if (prop.enum) return prop.enum.map((v) => (v === null ? 'null' : typeof v));
  return [];
}

const scalarTypes: readonly ColumnType[] = ['integer', 'number', 'boolean', 'string'];

/** The row's columns in schema order, derived from the row's JSON Schema so they cannot drift from it. */
export function columnsOf(def: DatasetDefinition): Column[] {
  const properties = (rowJsonSchema(def).properties ?? {}) as Record<string, PropertySchema>;
  return Object.entries(properties).map(([name, prop]) => {
    const types = typesOf(prop);
    const type = scalarTypes.find((t) => types.includes(t)) ?? 'string';
    const branches = branchesOf(prop);
    const values = branches.flatMap((b) => b.enum ?? []).filter((v) => typeof v === 'string');
    const isDate = branches.some((b) => b.format === 'date');
    return {
      name,
      type,
      nullable: types.includes('null'),
      ...(values.length > 0 && { values }),
      ...(isDate && { format: 'date' as const }),
    };
  });
}
