import { type PropertySchema, rowProperties, typedBranches } from './json-schema.ts';
import type { DatasetDefinition } from './types.ts';

/** A Frictionless Table Schema field (https://specs.frictionlessdata.io/table-schema/). */
export interface TableField {
  name: string;
  title?: string;
  description?: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'date';
  format?: 'default';
  trueValues?: string[];
  falseValues?: string[];
  constraints: {
    required: boolean;
    minimum?: number;
    maximum?: number;
    minLength?: number;
    maxLength?: number;
    enum?: string[];
  };
}

export interface TableSchema {
  fields: TableField[];
  primaryKey: string[];
  /** The CSV writes an empty cell for an empty value. */
  missingValues: string[];
}

function field(name: string, prop: PropertySchema): TableField {
  const branches = typedBranches(prop);
  const value = branches.find((b) => b.type !== 'null') ?? {};
  const nullable = branches.some((b) => b.type === 'null');
  const type = value.format === 'date' ? 'date' : (value.type as TableField['type'] | undefined);
  const listed = value.enum?.filter((v): v is string => typeof v === 'string');
  return {
    name,
    ...(prop.title && { title: prop.title }),
    ...(prop.description && { description: prop.description }),
    type: type ?? 'string',
    ...(type === 'date' && { format: 'default' as const }),
    // The CSV writes booleans as JSON does.
    ...(type === 'boolean' && { trueValues: ['true'], falseValues: ['false'] }),
    constraints: {
      required: !nullable,
      ...(value.minimum !== undefined && { minimum: value.minimum }),
      ...(value.maximum !== undefined && { maximum: value.maximum }),
      ...(value.minLength !== undefined && type === 'string' && { minLength: value.minLength }),
      ...(value.maxLength !== undefined && type === 'string' && { maxLength: value.maxLength }),
      ...(listed && listed.length > 0 && { enum: listed }),
    },
  };
}

/**
 * The Table Schema of a dataset's CSV, made from the same Zod schema as the row's JSON Schema: names,
 * titles, descriptions, types (ISO dates as `date`), constraints, and the dataset's key. Patterns are
 * left out: Table Schema reads them as XML Schema regular expressions, not JavaScript ones.
 */
export function tableSchema(def: DatasetDefinition): TableSchema {
  return {
    fields: Object.entries(rowProperties(def)).map(([name, prop]) => field(name, prop)),
    primaryKey: [...def.key],
    missingValues: [''],
  };
}
