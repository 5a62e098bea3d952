import { z } from 'zod';
import { isBlank, trimInvisible } from '../cell.ts';
import { boolean } from './booleans.ts';
import { required } from './coercion.ts';

/** How editors (and the article) mark an estimate in front of a number: ~70%, ≈ 70, c. 70, about 70. */
const marker = /^(?:~|≈|∼|c\.|ca\.|circa|about|around|approximately|approx\.?)\s*(?=[-+−.\d])/i;

/** The marker as written (`~`, `about `), if any, and the number text after it. */
export function splitApproximate(text: string): { approximate: boolean; marker: string; rest: string } {
  // As the cell will be read: a zero-width character beside the marker must not hide it.
  const trimmed = trimInvisible(text);
  const match = marker.exec(trimmed);
  return match
    ? { approximate: true, marker: match[0], rest: trimmed.slice(match[0].length) }
    : { approximate: false, marker: '', rest: trimmed };
}

export function isApproximate(cell: unknown): boolean {
  return typeof cell === 'string' && splitApproximate(cell).approximate;
}

/** Which value column each approximate flag belongs to; a side registry, so it stays out of JSON Schema. */
const approximateFlags = z.registry<{ of: string }>();

/**
 * A boolean column saying that a sibling value column holds an estimate (`share` → `shareApproximate`).
 *
 * Why it is derived outside the schema: the row schema must stay a plain `z.object` (the contract every
 * consumer relies on), and a Zod field cannot see its siblings. So `approximateFlagging` runs on the
 * raw row before parsing (the sheet report and the Worker's row validation both call it): the marker in
 * the value text ("~70%") sets the flag, which wins over an explicit "no" because it is the more specific
 * statement; otherwise an explicit flag is kept; a blank or absent flag is false. Output rows carry the
 * flag explicitly and a plain number, so they parse back to themselves.
 */
export function approximateFlag(of: string, meta: { title: string; description: string }) {
  const schema = required(boolean()).meta(meta);
  approximateFlags.add(schema, { of });
  return schema;
}

/** The value column a field flags as approximate, if the field is an approximate flag. */
export function approximateFlagOf(field: z.ZodType): string | undefined {
  return approximateFlags.get(field)?.of;
}

/**
 * Sets a schema's approximate flags on raw rows, its flag columns found once for all the rows it is
 * given: a publish checks a million rows, and looking the flags up in every row's schema entries was
 * a tenth of its garbage. A schema without flags gets its rows back as they are.
 */
export function approximateFlagging(
  schema: z.ZodObject,
): (input: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>> {
  const flags = Object.entries(schema.shape).flatMap(([field, fieldSchema]) => {
    const of = approximateFlagOf(fieldSchema);
    return of === undefined ? [] : [{ field, of }];
  });
  if (flags.length === 0) return (input) => input;
  return (input) => {
    const row: Record<string, unknown> = { ...input };
    for (const { field, of } of flags) {
      if (isApproximate(row[of])) row[field] = true;
      else if (isBlank(row[field])) row[field] = false;
    }
    return row;
  };
}
