import { z } from 'zod';
import { describeValue, isFormattedNumber } from '../cell.ts';
import { type Coercion, expected, fail, ok, type Reading } from './coercion.ts';

/*
 * Number text, the rules an editor can rely on:
 * - the decimal separator is always a point;
 * - thousands may be separated by commas or by spaces (plain, no-break, narrow no-break or thin),
 *   always in groups of three: 1,234,567 · 1 234 567 · 1,234.5;
 * - in a column that allows decimals, "1,234" and "1.234" are rejected, never guessed: the first is a
 *   decimal comma in half the world's locales, the second a thousands point;
 * - decimal commas (12,5) and point thousands (1.234.567) are rejected with a hint.
 * Typed numbers (a number cell, a published row) are taken as they are: the ambiguity is only in text.
 */
const groupSpace = '[ \\u00a0\\u202f\\u2009]';
const sign = '[-+]?';
const plain = new RegExp(`^${sign}(?:\\d+(?:\\.\\d+)?|\\.\\d+)$`);
const commaGrouped = new RegExp(`^${sign}\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?$`);
const spaceGrouped = new RegExp(`^${sign}\\d{1,3}(?:${groupSpace}\\d{3})+(?:\\.\\d+)?$`);
const singleCommaGroup = new RegExp(`^${sign}\\d{1,3},\\d{3}$`);
const threeDecimals = new RegExp(`^${sign}[1-9]\\d{0,2}\\.\\d{3}$`);
const europeanStyle = new RegExp(`^${sign}(?:\\d+,\\d+|\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?)$`);

export type NumberTextError = 'ambiguous-comma' | 'ambiguous-point' | 'european' | 'not-a-number';

/** Reads number text by the rules above; `wholeOnly` columns cannot hold decimals, so "1,234" is 1234 there. */
export function parseNumberText(raw: string, wholeOnly: boolean): number | NumberTextError {
  const text = raw.trim().replace(/^\u2212/, '-');
  if (!wholeOnly && singleCommaGroup.test(text)) return 'ambiguous-comma';
  if (commaGrouped.test(text)) return Number(text.replaceAll(',', ''));
  if (spaceGrouped.test(text)) return Number(text.replace(new RegExp(groupSpace, 'g'), ''));
  if (plain.test(text)) return !wholeOnly && threeDecimals.test(text) ? 'ambiguous-point' : Number(text);
  return europeanStyle.test(text) ? 'european' : 'not-a-number';
}

/**
 * How a column's messages show a good value: an example, what a corrected value keeps around its
 * digits (an approximate marker before, a % after), and whether the column would take a value, so
 * a hint never suggests one it would then refuse.
 */
interface NumberSpelling {
  example: string;
  prefix: string;
  unit: string;
  accepts: (value: number) => boolean;
}

/**
 * `text` is the number as typed (without any % or ~), so the hint can show the unambiguous spellings
 * that fit the column, or the value rewritten with a decimal point.
 */
export function numberTextProblem(
  error: NumberTextError,
  noun: string,
  cell: unknown,
  text: string,
  spelling: NumberSpelling,
): Reading<never> {
  const got = describeValue(cell);
  const digits = text.trim();
  const spelled = (value: string) => `${spelling.prefix}${value}${spelling.unit}`;
  const likeExample = fail(`expected ${noun}, got ${got}; write it like ${spelling.example}`);
  switch (error) {
    case 'ambiguous-comma':
    case 'ambiguous-point': {
      const separator = error === 'ambiguous-comma' ? 'comma' : 'point';
      // A fourth decimal (1.2340) is how a decimal reading is written unambiguously.
      const readings = [
        { value: digits.replace(/[.,]/, ''), meaning: `if the ${separator} separates thousands` },
        { value: `${digits.replace(',', '.')}0`, meaning: `if it is a decimal ${separator}` },
      ].filter((reading) => spelling.accepts(Number(reading.value)));
      if (readings.length === 0) return likeExample;
      const options = readings.map((r) => `${spelled(r.value)} ${r.meaning}`).join(', or ');
      return fail(`${got} is ambiguous: write ${options}`);
    }
    case 'european': {
      const rewritten = digits.replace(/[.\s]/g, '').replace(',', '.');
      if (!spelling.accepts(Number(rewritten))) return likeExample;
      return fail(
        `expected ${noun} with a point for decimals and commas or spaces for thousands, got ${got}; ` +
          `write ${spelled(rewritten)}`,
      );
    }
    case 'not-a-number':
      return likeExample;
  }
}

export interface NumberOptions {
  min?: number;
  max?: number;
  /** How messages name the expected value, e.g. "a year". */
  noun?: string;
  /** A value messages show as one to write, e.g. "2024". */
  example?: string;
}

/** Checks a number against the column's bounds, quoting the cell as the editor typed it. */
export function inRange(value: number, options: NumberOptions, noun: string, cell: unknown): Reading<number> {
  const { min, max } = options;
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return ok(value);
  if (min !== undefined && max !== undefined) return expected(`${noun} from ${min} to ${max}`, cell);
  return min !== undefined
    ? expected(`${noun} of at least ${min}`, cell)
    : expected(`${noun} of at most ${max}`, cell);
}

export function boundedNumber(schema: z.ZodNumber, options: NumberOptions): z.ZodNumber {
  const withMin = options.min === undefined ? schema : schema.min(options.min);
  return options.max === undefined ? withMin : withMin.max(options.max);
}

/** Whether a column with these bounds takes the value. */
export const fits = (value: number, options: NumberOptions) => inRange(value, options, '', value).ok;

/** An example inside the column's bounds: 1234 (or 1234.5), moved to the nearer bound if outside. */
function exampleWithin(options: NumberOptions, wholeOnly: boolean): string {
  const { min = -Infinity, max = Infinity } = options;
  return String(Math.min(max, Math.max(min, wholeOnly ? 1234 : 1234.5)));
}

function numberCoercion(options: NumberOptions, wholeOnly: boolean): Coercion<z.ZodNumber> {
  const noun = options.noun ?? (wholeOnly ? 'a whole number' : 'a number');
  const spelling = {
    example: options.example ?? exampleWithin(options, wholeOnly),
    prefix: '',
    unit: '',
    accepts: (value: number) => (!wholeOnly || Number.isSafeInteger(value)) && fits(value, options),
  };
  const output = boundedNumber(wholeOnly ? z.number().int() : z.number(), options);
  const read = (cell: unknown): Reading<number> => {
    const value = isFormattedNumber(cell) ? cell.value : cell;
    if (typeof value === 'string') {
      const parsed = parseNumberText(value, wholeOnly);
      if (typeof parsed === 'string') return numberTextProblem(parsed, noun, cell, value, spelling);
      return checked(parsed, cell);
    }
    return typeof value === 'number' ? checked(value, cell) : expected(noun, cell);
  };
  const checked = (parsed: number, cell: unknown): Reading<number> => {
    if (!Number.isFinite(parsed)) return expected(noun, cell);
    if (wholeOnly && !Number.isInteger(parsed)) return expected(noun, cell);
    const ranged = inRange(parsed, options, noun, cell);
    if (ranged.ok && wholeOnly && !Number.isSafeInteger(parsed))
      return fail(
        `${describeValue(cell)} is beyond ±${Number.MAX_SAFE_INTEGER}, the whole numbers that can be kept exactly`,
      );
    return ranged;
  };
  return { output, read };
}

export function decimal(options: NumberOptions = {}): Coercion<z.ZodNumber> {
  return numberCoercion(options, false);
}

export function integer(options: NumberOptions = {}): Coercion<z.ZodNumber> {
  return numberCoercion(options, true);
}

/** A calendar year written in full; two-digit years are rejected rather than guessed. */
export function year(): Coercion<z.ZodNumber> {
  return integer({ min: 1000, max: 2999, noun: 'a year', example: '2024' });
}
