import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cellRef, columnIndexOf, columnLetters } from '../../src/datasets/a1.ts';
import { formatted, type SheetCell } from '../../src/datasets/cell.ts';
import { mapHeaders, normalizeHeader } from '../../src/datasets/headers.ts';
import { rowJsonSchema } from '../../src/datasets/json-schema.ts';
import { production } from '../../src/datasets/production.ts';
import { datasets } from '../../src/datasets/registry.ts';
import { formatSheetProblem, type SheetProblem } from '../../src/datasets/sheet-problem.ts';
import { validateRows } from '../../src/datasets/validate-rows.ts';
import { formatReport, validateTab } from '../../src/datasets/validate-tab.ts';
import { jsonSchemaErrors } from './json-schema-check.ts';

const header = ['Country', 'Year', 'Share of global production (%)', 'Source'];
const china = ['China', '2023', '~70%', 'USGS'];
const us = ['United States', 2023, formatted(0.14, 'PERCENT'), 'USGS'];

function report(cells: SheetCell[][]): string {
  return formatReport(validateTab(production, cells));
}

/** Header mapping, the tab report and row validation; registered in Node and in workerd alike. */
export function tabSuite(): void {
  describe('A1 references', () => {
    it('names columns like a spreadsheet', () => {
      expect([0, 25, 26, 51, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
      expect(cellRef(2, 5)).toBe('C5');
      expect(columnIndexOf('AA7')).toBe(26);
      expect(columnIndexOf('4:4')).toBe(Number.POSITIVE_INFINITY);
    });
  });

  describe('header mapping', () => {
    it('ignores case, spacing and punctuation', () => {
      expect(normalizeHeader(' Share of global_production (%) ')).toBe(
        normalizeHeader('share of GLOBAL production'),
      );
    });

    it('matches a header by title or by field id', () => {
      const mapping = mapHeaders(production, ['COUNTRY', ' year ', 'share', 'share-approximate', 'source']);
      expect(mapping.columns.map((c) => c.field)).toEqual([
        'country',
        'year',
        'share',
        'shareApproximate',
        'source',
      ]);
      expect(mapping.problems).toEqual([]);
    });

    it('reports a missing required column, but not a missing derived flag column', () => {
      expect(
        report([
          ['Country', 'Share of global production (%)', 'Source'],
          ['China', '70%', 'USGS'],
        ]),
      ).toBe('Production!1:1 (row 1, column "Year"): missing required column; add a column headed "Year"\n');
    });

    it('says a renamed column once, at its header, suggesting the name it had', () => {
      const renamed = ['Country', 'Yr', 'Share of world production (%)', 'Source'];
      expect(report([renamed, ['China', '2023', '70%', 'USGS']])).toBe(
        'Production!B1 (row 1, column "Yr"): "Yr" is not a column of this dataset; did you rename "Year"?\n' +
          'Production!C1 (row 1, column "Share of world production (%)"): "Share of world production (%)" is not a column of this dataset; did you rename "Share of global production (%)"?\n',
      );
      // An optional column renamed is not a problem, but its values would be lost without a word.
      expect(
        report([
          [...header, 'Share is aproximate'],
          [...china, 'yes'],
        ]),
      ).toBe(
        'warning: Production!E1 (row 1, column "Share is aproximate"): "Share is aproximate" is not a column of this dataset, so its values are ignored; did you rename "Share is approximate"?\n',
      );
      // A header unlike every missing column is still only unknown, and the column still missing.
      expect(
        report([
          ['Country', 'Notes', 'Share of global production (%)', 'Source'],
          ['China', 'x', '70%', 'USGS'],
        ]),
      ).toBe(
        'Production!1:1 (row 1, column "Year"): missing required column; add a column headed "Year"\n' +
          'warning: Production!B1 (row 1, column "Notes"): no such column in this dataset; its values are ignored\n',
      );
    });

    it('reports a duplicate header at the second one', () => {
      expect(
        report([
          [...header, 'country'],
          [...china, 'China'],
        ]),
      ).toBe(
        'Production!E1 (row 1, column "country"): duplicate column: column A is also "Country"; keep one\n',
      );
    });

    it('warns about unknown columns and about values under no header, and keeps going', () => {
      const result = validateTab(production, [
        [...header, 'Notes'],
        [...china, 'the article', '', 'stray'],
      ]);
      expect(result.problems).toEqual([]);
      expect(result.rows).toHaveLength(1);
      expect(formatReport(result)).toBe(
        'warning: Production!E1 (row 1, column "Notes"): no such column in this dataset; its values are ignored\n' +
          'warning: Production!G2 (row 2): this column has no header, so its values are ignored; add a header or clear it\n',
      );
    });

    it('names the first few of a repeated warning and counts the rest, cutting long headers short', () => {
      // A probe's header with a million extra columns once printed 999,995 warning lines (112 MB).
      const extra = Array.from({ length: 100_000 }, (_, i) => `extra ${i}`);
      extra[2] = 'x'.repeat(10_000);
      const result = validateTab(production, [
        [...header, ...extra],
        [...china, 'stray'],
      ]);
      expect(result.rows).toHaveLength(1);
      expect(result.warnings).toHaveLength(6);
      expect(result.warnings[2]?.column).toMatch(/^x{200}… \(10000 characters\)$/);
      expect(formatSheetProblem(result.warnings[5] as SheetProblem)).toBe(
        'Production!J1 (row 1): and 99,995 more from here on: no such column in this dataset; its values are ignored',
      );
      expect(formatReport(result).length).toBeLessThan(2_000);
    });

    it('reports an empty tab', () => {
      expect(report([])).toBe(
        'Production!A1 (row 1): the tab is empty: row 1 must hold the column headers\n',
      );
      expect(report([['', null]])).toBe(
        'Production!A1 (row 1): the tab is empty: row 1 must hold the column headers\n',
      );
    });

    it('points at headers that a title or blank rows pushed down, instead of listing every column missing', () => {
      const message = (row: number) =>
        `Production!A1 (row 1): the column headers are in row ${row}: row 1 must hold them (delete the rows above)\n`;
      expect(report([['', ''], header, china])).toBe(message(2));
      expect(report([['Rare-earth production, 2023'], [], header, china])).toBe(message(3));
    });
  });

  describe('tab report', () => {
    it('reads typed rows, ragged rows and percent-formatted cells', () => {
      const result = validateTab(production, [
        header,
        china,
        us,
        ['Myanmar', 2023, 11, 'USGS'],
        ['Australia', 2023, '5'],
      ]);
      expect(result.rows).toEqual([
        { country: 'China', year: 2023, share: 70, shareApproximate: true, source: 'USGS' },
        { country: 'United States', year: 2023, share: 14, shareApproximate: false, source: 'USGS' },
        { country: 'Myanmar', year: 2023, share: 11, shareApproximate: false, source: 'USGS' },
      ]);
      expect(report([header, ['Australia', 2023, '5']])).toBe(
        'Production!D2 (row 2, column "Source"): required, but empty\n',
      );
    });

    it('ignores trailing blank rows but not blank rows between data rows', () => {
      expect(report([header, china, ['', '  ', null], [], ['', '', '', '']])).toBe('');
      expect(report([header, china, [], ['  '], us])).toBe(
        'Production!3:3 (row 3): blank row between data rows; delete the row or fill it in\n' +
          'Production!4:4 (row 4): blank row between data rows; delete the row or fill it in\n',
      );
    });

    it('lists problems in sheet order with the header as written', () => {
      const cells = [
        ['country', 'Year', 'Share', 'Source'],
        ['China', 'twenty', 'seventy', 'USGS'],
        ['', 2023, '#REF!', 'USGS'],
      ];
      const result = validateTab(production, cells);
      expect(result.problems.map(formatSheetProblem)).toEqual([
        'Production!B2 (row 2, column "Year"): expected a year, got "twenty"; write it like 2024',
        'Production!C2 (row 2, column "Share"): expected a percentage, got "seventy"; write it like 70% or ~70%',
        'Production!A3 (row 3, column "country"): required, but empty',
        'Production!C3 (row 3, column "Share"): the cell holds a formula error (#REF!)',
      ]);
      expect(result.problems[1]).toEqual({
        tab: 'Production',
        cell: 'C2',
        row: 2,
        column: 'Share',
        field: 'share',
        message: 'expected a percentage, got "seventy"; write it like 70% or ~70%',
        value: 'seventy',
      });
    });

    it('names both rows of a duplicate key', () => {
      expect(report([header, china, us, ['China', 2023, '71%', 'USGS']])).toBe(
        'Production!A4 (row 4, column "Country"): duplicate key: rows 2 and 4 both have Country "China" and Year 2023\n',
      );
    });

    it('publishes a bare share between 0 and 1 as written, but asks whether it was a fraction', () => {
      const tab = [
        header,
        ['China', 2023, '0.7', 'USGS'],
        ['Myanmar', 2023, '~0.11', 'USGS'],
        ['Australia', 2023, '0.5%', 'USGS'],
        ['Malaysia', 2023, formatted(0.004, 'PERCENT'), 'USGS'],
        ['Laos', 2023, 0.25, 'USGS'],
      ];
      const checked = validateTab(production, tab);
      expect(checked.problems).toEqual([]);
      expect(checked.rows.map((r) => r.share)).toEqual([0.7, 0.11, 0.5, 0.4, 0.25]);
      expect(formatReport(checked)).toBe(
        'warning: Production!C2 (row 2, column "Share of global production (%)"): "0.7" is read as 0.7%; if it is a fraction of the whole, write 70%, or write 0.7% to keep it\n' +
          'warning: Production!C3 (row 3, column "Share of global production (%)"): "~0.11" is read as 0.11%; if it is a fraction of the whole, write ~11%, or write ~0.11% to keep it\n' +
          'warning: Production!C6 (row 6, column "Share of global production (%)"): 0.25 is read as 0.25%; if it is a fraction of the whole, write 25%, or write 0.25% to keep it\n',
      );
    });

    it('holds back a bare fraction among shares of 1% or more, as a format lost in pasting', () => {
      const tab = [
        header,
        ['China', 2023, '0.69', 'USGS'],
        ['United States', 2023, formatted(0.12, 'PERCENT'), 'USGS'],
        ['Myanmar', 2023, '0.5%', 'USGS'],
      ];
      expect(report(tab)).toBe(
        'Production!C2 (row 2, column "Share of global production (%)"): "0.69" would be read as 0.69%, but the column\'s other shares are percentages like 12%: if it is a fraction of the whole, write 69%, or write 0.69% to keep it\n',
      );
      // Written with its % sign, it says what it means: nothing to doubt.
      expect(report([header, ['China', 2023, '0.69%', 'USGS'], tab[2] ?? []])).toBe('');
    });

    it('sees an approximate marker and a blank flag through zero-width characters', () => {
      const rows = [
        { country: 'A', year: 2023, share: '\u200B~70%', source: 's' },
        { country: 'B', year: 2023, share: '~\u200B71%', source: 's' },
        { country: 'C', year: 2023, share: '73%', shareApproximate: '\u200B', source: 's' },
      ];
      const checked = validateRows(production, rows);
      expect(checked.problems).toEqual([]);
      expect(checked.rows.map((r) => [r.share, r.shareApproximate])).toEqual([
        [70, true],
        [71, true],
        [73, false],
      ]);
    });

    it('matches keys whatever their letter case', () => {
      expect(report([header, china, us, ['CHINA', 2023, '71%', 'USGS']])).toBe(
        'Production!A4 (row 4, column "Country"): duplicate key: rows 2 and 4 both have Country "China" and Year 2023 (row 4 writes it Country "CHINA" and Year 2023; keys ignore letter case and Unicode form)\n',
      );
      const rows = [
        { country: 'China', year: 2023, share: 70, source: 'USGS' },
        { country: 'china', year: 2023, share: 71, source: 'USGS' },
      ];
      expect(validateRows(production, rows).problems.map((p) => p.message)).toEqual([
        'duplicate key: rows[0] and rows[1] both have country "China" and year 2023 (rows[1] writes it country "china" and year 2023; keys ignore letter case and Unicode form)',
      ]);
    });

    it('reports a duplicate key on a row that also has a bad cell, but not a row whose key is bad', () => {
      expect(
        report([header, china, ['China', 2023, 'seventy', 'USGS'], ['China', 'twenty', '5%', 'USGS']]),
      ).toBe(
        'Production!A3 (row 3, column "Country"): duplicate key: rows 2 and 3 both have Country "China" and Year 2023\n' +
          'Production!C3 (row 3, column "Share of global production (%)"): expected a percentage, got "seventy"; write it like 70% or ~70%\n' +
          'Production!B4 (row 4, column "Year"): expected a year, got "twenty"; write it like 2024\n',
      );
    });

    it('keeps an explicit approximate flag, and lets a marker in the value set it', () => {
      const cells = [
        [...header, 'Share is approximate'],
        ['China', 2023, '70%', 'USGS', 'yes'],
        ['Myanmar', 2023, '~11%', 'USGS', 'no'],
        ['Australia', 2023, '5%', 'USGS', ''],
      ];
      expect(validateTab(production, cells).rows.map((r) => r.shareApproximate)).toEqual([true, true, false]);
    });

    it('uses the tab name it is given, quoted as an A1 reference needs it', () => {
      expect(report([['Country']]).startsWith('Production!1:1')).toBe(true);
      const renamed = validateTab(production, [['Country']], { tab: "Prod '24" });
      expect(renamed.problems[0]?.tab).toBe("Prod '24");
      expect(formatSheetProblem(renamed.problems[0] ?? (production as never))).toContain("'Prod ''24'!1:1");
    });
  });

  describe('row validation for the admin API', () => {
    it('accepts editor input and published rows alike, deriving the approximate flag', () => {
      const result = validateRows(production, [
        { country: ' China ', year: '2023', share: '~70%', source: 'USGS' },
        { country: 'United States', year: 2023, share: 14, shareApproximate: false, source: 'USGS' },
      ]);
      expect(result.problems).toEqual([]);
      expect(result.rows[0]).toEqual({
        country: 'China',
        year: 2023,
        share: 70,
        shareApproximate: true,
        source: 'USGS',
      });
      expect(validateRows(production, result.rows)).toEqual(result);
    });

    it('reports problems by 0-based row index and field id, including unknown keys and duplicates', () => {
      const result = validateRows(production, [
        { country: 'China', year: 2023, share: 70, shareApproximate: true, source: 'USGS' },
        { country: 'Myanmar', year: 2023, share: 'seventy', source: 'USGS', shares: 1 },
        'China',
        { country: 'China', year: 2023, share: 71, source: 'USGS' },
      ]);
      expect(result.problems).toEqual([
        {
          row: 1,
          column: 'shares',
          message: 'unknown column "shares"; the columns are country, year, share, shareApproximate, source',
          value: 1,
        },
        {
          row: 1,
          column: 'share',
          message: 'expected a percentage, got "seventy"; write it like 70% or ~70%',
          value: 'seventy',
        },
        { row: 2, column: null, message: 'expected an object keyed by column id', value: 'China' },
        {
          row: 3,
          column: 'country',
          message: 'duplicate key: rows[0] and rows[3] both have country "China" and year 2023',
          value: 'China',
        },
      ]);
    });

    it('finds duplicate keys among rows that have other problems too', () => {
      const result = validateRows(production, [
        { country: 'China', year: 2023, share: 'seventy', source: 'USGS' },
        { country: 'China', year: '2023', share: 71, source: 'USGS', note: 'x' },
        { country: 'China', year: 'soon', share: 72, source: 'USGS' },
      ]);
      expect(result.problems.map((p) => `${p.row} ${p.column}: ${p.message}`)).toEqual([
        '0 share: expected a percentage, got "seventy"; write it like 70% or ~70%',
        '1 note: unknown column "note"; the columns are country, year, share, shareApproximate, source',
        '1 country: duplicate key: rows[0] and rows[1] both have country "China" and year 2023',
        '2 year: expected a year, got "soon"; write it like 2024',
      ]);
    });
  });

  describe('the catalogue', () => {
    it('lists seven datasets in tab order with unique kebab-case ids', () => {
      expect(datasets.map((d) => d.tab)).toEqual([
        'Production',
        'Dependence',
        'Elements',
        'Partnership',
        'Players',
        'Projects',
        'Timeline',
      ]);
      for (const def of datasets) expect(def.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    });

    it('gives every column a title and a description, and key and chart columns exist', () => {
      for (const def of datasets) {
        const fields = Object.keys(def.schema.shape);
        for (const field of def.key) expect(fields).toContain(field);
        if (def.chart) {
          const measure = def.chart.kind === 'bar' ? def.chart.y : def.chart.label;
          expect(fields).toEqual(expect.arrayContaining([def.chart.x, measure]));
        }
        for (const schema of Object.values(def.schema.shape)) {
          const meta = z.globalRegistry.get(schema);
          expect(meta?.title, `${def.id}`).toBeTruthy();
          expect(meta?.description, `${def.id}`).toBeTruthy();
        }
      }
    });

    it('serves a JSON Schema (2020-12) of flat rows with titles and descriptions', () => {
      const schema = rowJsonSchema(production);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.properties?.share).toMatchObject({
        title: 'Share of global production (%)',
        type: 'number',
      });
      expect(schema.properties?.country).toMatchObject({ type: 'string', minLength: 1, maxLength: 100 });
      for (const def of datasets) {
        for (const property of Object.values(rowJsonSchema(def).properties ?? {})) {
          expect(JSON.stringify(property)).not.toMatch(/"type":"(object|array)"/);
        }
      }
    });

    it('publishes rows that validate against the JSON Schema and parse back to themselves', () => {
      const rows = validateTab(production, [header, china, us]).rows;
      const schema = rowJsonSchema(production) as Parameters<typeof jsonSchemaErrors>[0];
      for (const row of rows) {
        expect(jsonSchemaErrors(schema, row)).toEqual([]);
        expect(production.schema.parse(row)).toStrictEqual(row);
      }
      expect(jsonSchemaErrors(schema, { ...rows[0], share: '70%' })).toEqual(['/share: not number']);
      expect(jsonSchemaErrors(schema, { ...rows[0], extra: 1 })).toEqual(['/extra: not allowed']);
      // Both count characters: 100 emoji fit, as the JSON Schema says, though they are 200 UTF-16 units.
      const emoji = { ...rows[0], country: '\u{1F600}'.repeat(100) };
      expect(jsonSchemaErrors(schema, emoji)).toEqual([]);
      expect(production.schema.parse(emoji)).toStrictEqual(emoji);
    });
  });
}
