import { stringify } from 'csv-stringify/sync';
import type { Row } from '../datasets/types.ts';

const formulaStart = /^[=+\-@\t\r]/;

/** A separator some spreadsheet app splits on (`,`, `;` in semicolon locales, tab) before a formula character. */
const separatorBeforeFormula = /[,;\t](?=[\s"']*[=+\-@\t\r])/g;

/**
 * Spreadsheet apps run a cell that starts with `=`, `+`, `-` or `@` as a formula, so such text is
 * prefixed with an apostrophe (the OWASP advice against CSV injection). An app that splits on another
 * separator than ours (`x;=1+1` in a semicolon locale) starts a cell after it, so an apostrophe goes
 * after any separator that a formula character follows too; cells holding one are also quoted, for
 * the apps that honour quotes. Numbers are never touched.
 */
export function neutraliseFormula(text: string): string {
  const inner = text.replace(separatorBeforeFormula, "$&'");
  return formulaStart.test(inner) ? `'${inner}` : inner;
}

/** RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function csvChunk(rows: readonly Row[], columns: readonly string[], withHeader: boolean): string {
  return stringify(
    rows.map((row) => columns.map((name) => row[name] ?? null)),
    {
      header: withHeader,
      columns,
      record_delimiter: 'windows',
      // A bare line feed inside a cell must be quoted too, not only the CRLF record delimiter; and the
      // separators of other locales, so an app splitting on them keeps the cell whole.
      quoted_match: /[\r\n;\t]/,
      cast: { string: neutraliseFormula, boolean: (value) => String(value) },
    },
  );
}
