import { z } from 'zod';
import { describeValue, isBlank } from '../cell.ts';
import { formulaError } from './formula-error.ts';

/** What a reader makes of one filled cell: the typed value, or a message an editor can act on. */
export type Reading<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * One kind of column: a plain output schema (what JSON Schema describes and what rows hold) and a
 * reader from what editors type. The reader must return its own output unchanged, so a published row
 * parses back to itself.
 */
export interface Coercion<Out extends z.ZodType> {
  output: Out;
  /** Gets a cell that is neither blank nor a formula error. */
  read: (cell: unknown) => Reading<z.output<Out>>;
}

export function ok<T>(value: T): Reading<T> {
  return { ok: true, value };
}

export function fail(message: string): Reading<never> {
  return { ok: false, message };
}

export function expected(what: string, cell: unknown): Reading<never> {
  return fail(`expected ${what}, got ${describeValue(cell)}`);
}

export const requiredMessage = 'required, but empty';

function preprocessor(read: (cell: unknown) => Reading<unknown>, blankIsNull: boolean) {
  return (cell: unknown, ctx: z.core.$RefinementCtx): unknown => {
    const reading = readCell(cell, read, blankIsNull);
    if (reading.ok) return reading.value;
    ctx.addIssue({ code: 'custom', message: reading.message, input: cell });
    return cell;
  };
}

function readCell(
  cell: unknown,
  read: (cell: unknown) => Reading<unknown>,
  blankIsNull: boolean,
): Reading<unknown> {
  if (isBlank(cell)) return blankIsNull ? ok(null) : fail(requiredMessage);
  const error = formulaError(cell);
  if (error === 'LOADING...')
    return fail(
      'the cell is still loading its formula’s data (Loading...); sync again once it shows a value',
    );
  if (error) return fail(`the cell holds a formula error (${error})`);
  return read(cell);
}

/**
 * A column that must be filled. Built as preprocess → plain schema (not `.transform()`), so
 * `z.toJSONSchema(…, { io: 'output' })` describes the output exactly.
 */
export function required<Out extends z.ZodType>(coercion: Coercion<Out>) {
  return z.preprocess(preprocessor(coercion.read, false), coercion.output);
}

/** A column that may be left empty: blank cells become `null`. */
export function optional<Out extends z.ZodType>(coercion: Coercion<Out>) {
  return z.preprocess(preprocessor(coercion.read, true), coercion.output.nullable());
}
