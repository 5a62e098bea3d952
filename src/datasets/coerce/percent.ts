import { z } from 'zod';
import { fractionToPercent, isFormattedNumber } from '../cell.ts';
import { splitApproximate } from './approximate.ts';
import { type Coercion, expected, type Reading } from './coercion.ts';
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
    const { rest } = splitApproximate(cell);
    const text = rest.replace(/\s*%$/, '');
    const parsed = parseNumberText(text, false);
    if (typeof parsed === 'number') return inRange(parsed, options, noun, cell);
    const trimmed = cell.trim();
    const marker = trimmed.slice(0, trimmed.length - rest.length);
    return numberTextProblem(parsed, noun, cell, text, {
      example,
      prefix: marker,
      unit: '%',
      accepts: (value) => fits(value, options),
    });
  };
  return { output: boundedNumber(z.number(), options), read };
}
