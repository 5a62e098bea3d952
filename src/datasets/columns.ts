import { rowJsonSchema } from './json-schema.ts';
import type { DatasetDefinition } from './types.ts';

export type ColumnType = 'string' | 'number' | 'integer' | 'boolean';

/** A column as the read API sees it: enough to validate `fields`, `sort` and `filter` and to order CSV. */
export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

interface PropertySchema {
  type?: string | string[];
  anyOf?: PropertySchema[];
  enum?: unknown[];
}

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
    return { name, type, nullable: types.includes('null') };
  });
}
