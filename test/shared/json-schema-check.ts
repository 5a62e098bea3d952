/**
 * The subset of JSON Schema 2020-12 the row schemas use (type, anyOf, enum, required,
 * additionalProperties, minimum/maximum, minLength/maxLength, pattern), enough to prove that published
 * rows validate against the schema the API serves without adding a validator dependency.
 */
interface Schema {
  type?: string | string[];
  anyOf?: Schema[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

function typeOf(value: unknown): string[] {
  if (value === null) return ['null'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'number'] : ['number'];
  if (Array.isArray(value)) return ['array'];
  return [typeof value];
}

/** Every way `value` fails `schema`, as paths with reasons; empty when it validates. */
export function jsonSchemaErrors(schema: Schema, value: unknown, path = ''): string[] {
  if (schema.anyOf) {
    const branches = schema.anyOf.map((branch) => jsonSchemaErrors(branch, value, path));
    return branches.some((errors) => errors.length === 0) ? [] : [`${path}: matches no anyOf branch`];
  }
  const errors: string[] = [];
  const types = schema.type === undefined ? undefined : [schema.type].flat();
  if (types && !typeOf(value).some((t) => types.includes(t))) return [`${path}: not ${types.join('|')}`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: not in enum`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above maximum`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: too short`);
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength)
      errors.push(`${path}: too long`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${path}: pattern`);
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${path}/${key}: required`);
    for (const [key, item] of Object.entries(record)) {
      const property = schema.properties?.[key];
      if (property) errors.push(...jsonSchemaErrors(property, item, `${path}/${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}/${key}: not allowed`);
    }
  }
  return errors;
}
