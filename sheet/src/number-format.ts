import type { NumberFormat } from '../../src/datasets/cell.ts';

/**
 * The Sheets API's `numberFormat.type` for a pattern as Apps Script's `getNumberFormats()` returns it.
 * Apps Script gives the pattern only ("0.00%", "yyyy-mm-dd", "[$€]#,##0"), while the Worker coerces a
 * number by its type, so the type is read back from the pattern's tokens the way Sheets chose them.
 * An automatic format ("General", the legacy "0.###############", or none) has no type, as the API
 * leaves `numberFormat` out for such a cell.
 */
export function numberFormatType(pattern: string): NumberFormat | undefined {
  const trimmed = pattern.trim();
  if (trimmed === '' || /^general$/i.test(trimmed) || trimmed === '0.###############') return undefined;
  if (trimmed === '@') return 'TEXT';
  // Only the first section decides (positive;negative;zero;text); quoted text, escaped characters,
  // colours and conditions in brackets are literal, except a [$…] currency and an [h] duration.
  const section = firstSection(trimmed);
  const currency = /\[\$[^\]]*\]|[$€£¥₹₩]/.test(section);
  const tokens = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/_.|\*./g, '');
  if (tokens.includes('%')) return 'PERCENT';
  if (/[0#?][.,]?[0#?]*E[+-]/i.test(tokens)) return 'SCIENTIFIC';
  const date = /[dy]/i.test(tokens) || /(^|[^hs:])m{3,}/i.test(tokens);
  const time = /[hs]|am\/pm|a\/p/i.test(tokens);
  if (date && time) return 'DATE_TIME';
  if (date) return 'DATE';
  if (time) return 'TIME';
  if (currency) return 'CURRENCY';
  return /[0#?]/.test(tokens) ? 'NUMBER' : undefined;
}

/** The pattern up to its first unquoted, unescaped semicolon. */
function firstSection(pattern: string): string {
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) return pattern.slice(0, i);
  }
  return pattern;
}
