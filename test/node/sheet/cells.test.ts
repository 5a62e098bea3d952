import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rowData, serialOfWallClock, wallClockPattern } from '../../../sheet/src/cells.ts';
import { tabCells } from '../../../src/datasets/grid-cells.ts';
import { datasets } from '../../../src/datasets/registry.ts';
import { validateTab } from '../../../src/datasets/validate-tab.ts';
import { typedGrid } from '../../shared/typed-grid.ts';
import { fakeUtilities } from './support/services.ts';
import type { FakeSheet } from './support/spreadsheet.ts';
import { csvTabs, fixtureSpreadsheet, fixturesDir } from './support/workbook.ts';

/**
 * The add-on must hand the Worker what the sync gets from the Sheets API. Both read the same typed
 * workbook (each CSV cell typed into a sheet): the sync's path through the API's grid data (the fake
 * Sheets API's cells), the add-on's through Apps Script's values, shown text and number formats in
 * a spreadsheet's time zone. The cells the Worker then coerces, and its reports, must be equal.
 */
const workbooks = [
  fixturesDir,
  ...readdirSync(join(fixturesDir, 'broken'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(fixturesDir, 'broken', entry.name)),
];
const zones = ['Asia/Tokyo', 'America/Los_Angeles', 'UTC'];

/** What the Sheets API returns for a tab typed from these rows. */
const apiCells = (rows: string[][]) => tabCells([{ rowData: typedGrid(rows) }]);

function addonCells(sheet: FakeSheet, zone: string) {
  const range = sheet.getDataRange();
  const reading = {
    values: range.getValues(),
    displays: range.getDisplayValues(),
    formats: range.getNumberFormats(),
  };
  return tabCells([
    {
      rowData: rowData(reading, (date) =>
        serialOfWallClock(fakeUtilities.formatDate(date, zone, wallClockPattern)),
      ),
    },
  ]);
}

/** Trailing empty cells and rows carry nothing: the API and the add-on both may leave them out. */
const trimmed = (rows: unknown[][]) => {
  const kept = rows.map((row) => row.slice(0, row.findLastIndex((cell) => cell !== null) + 1));
  return kept.slice(0, kept.findLastIndex((row) => row.length > 0) + 1);
};

describe.each(zones)('cells read by the add-on in %s', (zone) => {
  it.each(workbooks.map((dir) => [dir.slice(fixturesDir.length + 1) || 'fixtures', dir]))(
    '%s: the same cells and the same report as through the Sheets API',
    (_, dir) => {
      const spreadsheet = fixtureSpreadsheet(dir, zone);
      for (const [tab, rows] of csvTabs(dir)) {
        const sheet = spreadsheet.getSheetByName(tab) as FakeSheet;
        const expected = apiCells(rows);
        const actual = addonCells(sheet, zone);
        expect(trimmed(actual), tab).toEqual(trimmed(expected));
        const def = datasets.find((d) => d.tab === tab);
        if (def) expect(validateTab(def, actual), tab).toEqual(validateTab(def, expected));
      }
    },
  );

  it('keeps every kind of typed cell: percentages, dates, grouped numbers, booleans, errors', () => {
    const rows = [
      ['14%', '2024-01-08', '1,234', '0.69', 'TRUE', '#N/A', '#DIV/0!', '~70%', '1900-03-01', '2099-12-31'],
    ];
    const spreadsheet = fixtureSpreadsheet(join(fixturesDir, 'broken/formula-error'), zone);
    const sheet = spreadsheet.addTab('Kinds', rows);
    expect(addonCells(sheet, zone)).toEqual(apiCells(rows));
  });
});
