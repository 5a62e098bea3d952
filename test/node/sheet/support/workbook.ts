import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { FakeSpreadsheet } from './spreadsheet.ts';

export const fixturesDir = join(import.meta.dirname, '../../../../fixtures');

/** A folder of `<Tab>.csv` files as rows of typed text. */
export function csvTabs(dir = fixturesDir): Map<string, string[][]> {
  const tabs = new Map<string, string[][]>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort())
    tabs.set(
      basename(file, '.csv'),
      parse(readFileSync(join(dir, file), 'utf8'), { bom: true, relax_column_count: true }),
    );
  return tabs;
}

/**
 * The fixture workbook as a spreadsheet an editor typed in: each CSV a tab, each text typed into its
 * cell, so Sheets turns `~14%` into text, `70%` into 0.7 shown as a percentage and `2024-01-08` into a
 * date. Tokyo by default: nine hours from UTC, so a date read in the wrong zone is the day before.
 */
export function fixtureSpreadsheet(dir = fixturesDir, zone = 'Asia/Tokyo'): FakeSpreadsheet {
  const spreadsheet = new FakeSpreadsheet('1FakeSpreadsheetId', zone);
  for (const [tab, rows] of csvTabs(dir)) spreadsheet.addTab(tab, rows);
  return spreadsheet;
}
