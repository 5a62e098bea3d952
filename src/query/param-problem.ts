import { clipped } from '../datasets/cell.ts';
import { problem } from '../http/problem.ts';

/** A 400 for a query parameter, named in `parameter` (cut short, as every echo of input is). */
export const badParam = (parameter: string, detail: string) =>
  problem(400, detail, { parameter: clipped(parameter) });

/** Said the same way whether the route's Zod contract or the column checks find the repeat. */
export function givenMoreThanOnce(name: string) {
  return badParam(name, `The query parameter "${clipped(name)}" is given more than once.`);
}
