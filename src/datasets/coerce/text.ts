import { z } from 'zod';
import { isFormattedNumber, trimInvisible } from '../cell.ts';
import { type Coercion, expected, ok, type Reading } from './coercion.ts';
import { serialToIsoDate } from './dates.ts';

/** Editors' stray spaces, tabs, line breaks and no-break spaces all become one plain space. */
export function collapseWhitespace(text: string): string {
  return trimInvisible(text.replace(/\s+/g, ' '));
}

export interface TextOptions {
  maxLength?: number;
  /** A shape the text must have, and how messages describe it ("a chemical symbol such as Nd"). */
  pattern?: { regex: RegExp; description: string };
}

/**
 * Free text, trimmed with inner whitespace collapsed. A sheet turns some typed text into numbers or dates
 * ("2010" in a Period column, "2024-01-08"); those come back as the text the editor saw.
 */
export function text(options: TextOptions = {}): Coercion<z.ZodString> {
  const { maxLength, pattern } = options;
  const withMax = maxLength === undefined ? z.string().min(1) : z.string().min(1).max(maxLength);
  const output = pattern === undefined ? withMax : withMax.regex(pattern.regex);
  const read = (cell: unknown): Reading<string> => {
    const value = asText(cell);
    if (value === undefined) return expected('text', cell);
    if (maxLength !== undefined && value.length > maxLength)
      return expected(`text of at most ${maxLength} characters`, cell);
    if (pattern !== undefined && !pattern.regex.test(value)) return expected(pattern.description, cell);
    return ok(value);
  };
  return { output, read };
}

function asText(cell: unknown): string | undefined {
  if (typeof cell === 'string') return collapseWhitespace(cell);
  if (typeof cell === 'number') return String(cell);
  if (!isFormattedNumber(cell)) return undefined;
  return cell.format === 'DATE' || cell.format === 'DATE_TIME'
    ? serialToIsoDate(cell.value)
    : String(cell.value);
}
