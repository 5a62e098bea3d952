import { z } from 'zod';
import { isFormattedNumber } from '../cell.ts';
import { type Coercion, expected, fail, ok, type Reading } from './coercion.ts';
import { serialToIsoDate } from './dates.ts';

/** Editors' stray spaces, tabs, line breaks and no-break spaces all become one plain space. */
export function collapseWhitespace(text: string): string {
  // The cell arrives trimmed of invisible characters (see readCell), so only inner runs are left.
  return text.replace(/\s+/g, ' ');
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
  const shaped = pattern === undefined ? z.string().min(1) : z.string().min(1).regex(pattern.regex);
  // Zod's .max() counts UTF-16 units; JSON Schema's maxLength (and an editor) counts characters.
  const output =
    maxLength === undefined
      ? shaped
      : shaped.check(z.refine((value) => withinLength(value, maxLength))).meta({ maxLength });
  const read = (cell: unknown): Reading<string> => {
    const value = asText(cell);
    if (value === undefined) return expected('text', cell);
    const unreadable = unreadableCharacter(value);
    if (unreadable) return fail(unreadable);
    if (maxLength !== undefined && !withinLength(value, maxLength))
      return expected(`text of at most ${maxLength} characters`, cell);
    if (pattern !== undefined && !pattern.regex.test(value)) return expected(pattern.description, cell);
    return ok(value);
  };
  return { output, read };
}

/**
 * At most `max` code points: an emoji outside the Basic Multilingual Plane is one character, not two
 * UTF-16 units. Code points never outnumber units, so most cells are settled without counting.
 */
function withinLength(text: string, max: number): boolean {
  if (text.length <= max) return true;
  let count = 0;
  for (const _ of text) if (++count > max) return false;
  return true;
}

/** Control characters left after whitespace is collapsed (NUL, BEL, ESC, C1), and lone surrogates. */
const unreadable = /[\p{Cc}\p{Cs}]/u;

/**
 * Characters a reader cannot be given: a control character is invisible in the sheet and breaks CSV
 * readers; half a surrogate pair (from a JSON `\ud800` or a cut emoji) cannot be encoded as UTF-8.
 */
function unreadableCharacter(text: string): string | undefined {
  const found = unreadable.exec(text)?.[0];
  if (found === undefined) return undefined;
  const unit = found.charCodeAt(0);
  if (unit >= 0xd800 && unit <= 0xdfff)
    return 'the text holds half of a character (an unpaired surrogate, as from a cut emoji); retype it';
  const code = `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
  return `the text holds an invisible control character (${code}); retype the cell without it`;
}

function asText(cell: unknown): string | undefined {
  // One Unicode form, so an accent typed as a combining mark is one character, and one key, like any other.
  if (typeof cell === 'string') return collapseWhitespace(cell).normalize('NFC');
  if (typeof cell === 'number') return String(cell);
  if (!isFormattedNumber(cell)) return undefined;
  // A date is stored as ISO like every date here; any other number as the editor sees it ("60%").
  if (cell.format === 'DATE' || cell.format === 'DATE_TIME') return serialToIsoDate(cell.value);
  return cell.shown ?? String(cell.value);
}
