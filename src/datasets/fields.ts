import { z } from 'zod';
import { approximateFlagOf } from './coerce/approximate.ts';
import type { DatasetDefinition } from './types.ts';

/** The human header of a field (its `.meta({ title })`), or its id when it has none. */
export function fieldTitle(def: DatasetDefinition, field: string): string {
  const schema = def.schema.shape[field];
  const title = schema === undefined ? undefined : z.globalRegistry.get(schema)?.title;
  return title ?? field;
}

/** A column the tab must have: its field rejects an empty cell and is not derived from another column. */
export function isRequiredColumn(schema: z.ZodType): boolean {
  return approximateFlagOf(schema) === undefined && !schema.safeParse(null).success;
}
