import { z } from 'zod';
import { describeValue, fractionToPercent, isFormattedNumber } from '../cell.ts';
import { splitApproximate } from './approximate.ts';
import { type Coercion, type Doubt, expected, type Reading } from './coercion.ts';
import {
  boundedNumber,
  fits,
  inRange,
  type NumberOptions,
  numberTextProblem,
  parseNumberText,
} from './numbers.ts';

/**
 * Percentages, stored as the number in front of the % sign: `70%`, `70 %`, `~70%`, `70.0 %`, `70` → 70.
 *
 * A bare number is ambiguous: a percent-formatted cell reads 0.7 through the Sheets API, but 0.7 is also a
 * valid share and the published value of one. The rule, so that output always parses back to itself:
 * a bare number is taken as written; a number only becomes ×100 when its source says it came from a
 * percent-formatted cell, by passing it as `formatted(0.7, 'PERCENT')` (the Google source reads the
 * number format with the value), or by reading the formatted text "70%". Approximate markers are
 * allowed here and reported by `approximateFlag`.
 */
export function percent(options: NumberOptions = {}): Coercion<z.ZodNumber> {
  const noun = options.noun ?? 'a percentage';
  const example = options.example ?? '70% or ~70%';
  const read = (cell: unknown): Reading<number> => {
    if (isFormattedNumber(cell))
      return inRange(
        cell.format === 'PERCENT' ? fractionToPercent(cell.value) : cell.value,
        options,
        noun,
        cell,
      );
    if (typeof cell === 'number')
      return Number.isFinite(cell) ? inRange(cell, options, noun, cell) : expected(noun, cell);
    if (typeof cell !== 'string') return expected(noun, cell);
    const { marker, rest } = splitApproximate(cell);
    const text = rest.replace(/\s*%$/, '');
    const parsed = parseNumberText(text, false);
    if (typeof parsed === 'number') return inRange(parsed, options, noun, cell);
    return numberTextProblem(parsed, noun, cell, text, {
      example,
      prefix: marker,
      unit: '%',
      accepts: (value) => fits(value, options),
    });
  };
  return { output: boundedNumber(z.number(), options), read, doubt: fractionDoubt };
}

/**
 * A bare number between 0 and 1 is taken as written (0.7 is 0.7 %), but it is as likely a fraction
 * pasted from a sheet whose percent format was lost: say both ways to write it, so the editor settles it.
 * Among shares of 1 % or more in the same column it is almost surely such a fraction (0.69 beside 12 %),
 * so there it holds the tab back until written one way or the other; alone, it goes live with the warning.
 */
const fractionDoubt: Doubt = {
  about: (cell) => {
    const bare = bareFraction(cell);
    return (
      bare &&
      `${describeValue(cell)} is read as ${bare.value}%; if it is a fraction of the whole, write ${bare.ways}`
    );
  },
  among: (cell, values) => {
    const bare = bareFraction(cell);
    const whole = values.find((value) => typeof value === 'number' && value >= 1);
    if (!bare || whole === undefined) return undefined;
    return (
      `${describeValue(cell)} would be read as ${bare.value}%, but the column's other shares are percentages ` +
      `like ${whole}%: if it is a fraction of the whole, write ${bare.ways}`
    );
  },
};

/** A bare number between 0 and 1, and the two ways to write it that settle what it means. */
function bareFraction(cell: unknown): { value: number; ways: string } | undefined {
  const bare = bareNumber(cell);
  if (bare === undefined || !(bare.value > 0 && bare.value < 1)) return undefined;
  const { value, marker } = bare;
  return { value, ways: `${marker}${fractionToPercent(value)}%, or write ${marker}${value}% to keep it` };
}

/**
 * The number a cell holds with neither a % sign nor a percent format, and the approximate marker it was
 * written with; undefined for anything else.
 */
function bareNumber(cell: unknown): { value: number; marker: string } | undefined {
  if (isFormattedNumber(cell))
    return cell.format === 'PERCENT' ? undefined : { value: cell.value, marker: '' };
  if (typeof cell === 'number') return { value: cell, marker: '' };
  if (typeof cell !== 'string' || cell.includes('%')) return undefined;
  const { marker, rest } = splitApproximate(cell);
  return { value: Number(rest), marker };
}
