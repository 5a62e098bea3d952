import { stringify } from 'csv-stringify/sync';
import type { Row } from '../datasets/types.ts';

const formulaStart = /^[=+\-@\t\r]/;

/**
 * Spreadsheet apps run a cell that starts with `=`, `+`, `-` or `@` as a formula, so such text is
 * prefixed with an apostrophe (the OWASP advice against CSV injection). Numbers are never touched.
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function csvChunk(rows: readonly Row[], columns: readonly string[], withHeader: boolean): string {
  return stringify(
    rows.map((row) => columns.map((name) => row[name] ?? null)),
    {
      header: withHeader,
      columns,
      record_delimiter: 'windows',
      // A bare line feed inside a cell must be quoted too, not only the CRLF record delimiter.
      quoted_match: /[\r\n]/,
      cast: { string: neutraliseFormula, boolean: (value) => String(value) },
    },
  );
}
