import { z } from 'zod';
import { type Coercion, expected, ok, type Reading } from './coercion.ts';

const yes = new Set(['yes', 'y', 'true', '✓', '✔']);
const no = new Set(['no', 'n', 'false', '✗', '✘']);

/** Yes/no columns: checkbox cells arrive as booleans, typed cells as yes/no/true/false or a tick or cross. */
export function boolean(): Coercion<z.ZodBoolean> {
  const read = (cell: unknown): Reading<boolean> => {
    if (typeof cell === 'boolean') return ok(cell);
    const word = typeof cell === 'string' ? cell.trim().toLowerCase() : '';
    if (yes.has(word)) return ok(true);
    if (no.has(word)) return ok(false);
    return expected('yes or no', cell);
  };
  return { output: z.boolean(), read };
}
