import { z } from 'zod';
import { type Coercion, expected, ok, type Reading } from './coercion.ts';
import { collapseWhitespace } from './text.ts';

/** One of a fixed set of values, matched case-insensitively and stored in its canonical spelling. */
export function oneOf<const Values extends readonly [string, ...string[]]>(
  values: Values,
): Coercion<z.ZodEnum<{ [K in Values[number]]: K }>> {
  const byLowercase = new Map(values.map((v) => [v.toLowerCase(), v]));
  const choices = values.map((v) => JSON.stringify(v)).join(', ');
  const read = (cell: unknown): Reading<Values[number]> => {
    const match =
      typeof cell === 'string' ? byLowercase.get(collapseWhitespace(cell).toLowerCase()) : undefined;
    return match === undefined ? expected(`one of ${choices}`, cell) : ok(match);
  };
  return { output: z.enum(values), read };
}
