import { z } from 'zod';
import { describeValue, isBlank, trimInvisible } from '../cell.ts';
import { formulaError, stillLoading } from './formula-error.ts';

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
  /** A doubt about a cell the column accepts, worth telling the editor without holding the tab back. */
  doubt?: Doubt;
}

export interface Doubt {
  /** Why a cell the column accepts may not mean what it says; undefined when it does not doubt it. */
  about: (cell: unknown) => string | undefined;
  /**
   * The same cell seen among the values the tab's column was read as: a message when they settle the
   * doubt against it (a bare 0.69 among shares like 14%), which holds the tab back.
   */
  among?: (cell: unknown, values: readonly unknown[]) => string | undefined;
}

/** Each column's doubt, found from the field schema (and from the copies `.meta()` makes of it). */
const doubts = z.registry<{ doubt: Doubt }>();

export function doubtOf(field: z.ZodType | undefined): Doubt | undefined {
  return field === undefined ? undefined : doubts.get(field)?.doubt;
}

function withDoubt<T extends z.ZodType>(schema: T, doubt: Doubt | undefined): T {
  if (doubt) doubts.add(schema, { doubt });
  return schema;
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

const requiredMessage = 'required, but empty';

/**
 * What editors type for "no value". A placeholder is refused in every column type, text included: it
 * would otherwise be published as text ("n/a" in a text column) that `filter[column]=` (empty) misses,
 * or be refused as a bad number without saying why. An empty cell is the one way to say "no value".
 */
const placeholders = new Set(['n/a', '-', '–', '—', 'none', 'null', 'nil']);

function placeholderProblem(cell: string, blankIsNull: boolean): Reading<never> | undefined {
  if (!placeholders.has(cell.toLowerCase())) return undefined;
  const quoted = describeValue(cell);
  return fail(
    blankIsNull
      ? `${quoted} stands for no value: leave the cell empty instead, which this column allows`
      : `${quoted} stands for no value, but this column needs one: write the value`,
  );
}

function preprocessor(read: (cell: unknown) => Reading<unknown>, blankIsNull: boolean) {
  return (cell: unknown, ctx: z.core.$RefinementCtx): unknown => {
    const reading = readCell(cell, read, blankIsNull);
    if (reading.ok) return reading.value;
    ctx.addIssue({ code: 'custom', message: reading.message, input: cell });
    return cell;
  };
}

function readCell(
  raw: unknown,
  read: (cell: unknown) => Reading<unknown>,
  blankIsNull: boolean,
): Reading<unknown> {
  if (isBlank(raw)) return blankIsNull ? ok(null) : fail(requiredMessage);
  // Once, for every column type: "2024\u200B" is the year 2024, and a message never quotes the invisible.
  const cell = typeof raw === 'string' ? trimInvisible(raw) : raw;
  const error = formulaError(cell);
  if (error === stillLoading)
    return fail(
      'the cell is still loading its formula’s data (Loading...); sync again once it shows a value',
    );
  if (error) return fail(`the cell holds a formula error (${error})`);
  if (typeof cell === 'string') {
    const placeholder = placeholderProblem(cell, blankIsNull);
    if (placeholder) return placeholder;
  }
  return read(cell);
}

/**
 * A column that must be filled. Built as preprocess → plain schema (not `.transform()`), so
 * `z.toJSONSchema(…, { io: 'output' })` describes the output exactly.
 */
export function required<Out extends z.ZodType>(coercion: Coercion<Out>) {
  return withDoubt(z.preprocess(preprocessor(coercion.read, false), coercion.output), coercion.doubt);
}

/** A column that may be left empty: blank cells become `null`. */
export function optional<Out extends z.ZodType>(coercion: Coercion<Out>) {
  return withDoubt(
    z.preprocess(preprocessor(coercion.read, true), coercion.output.nullable()),
    coercion.doubt,
  );
}
