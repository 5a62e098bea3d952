import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatSheetProblem,
  type SheetProblem,
  sheetPlace,
  type TabProblem,
} from '../../../src/datasets/sheet-problem.ts';
import { typedGrid } from '../../shared/typed-grid.ts';
import { startFakeSheets } from '../support/fake-sheets.ts';
import { startWorker, type TestWorker } from '../support/worker.ts';
import { served, syncGoogle } from './helpers.ts';

/** What an editor might type in each column of the production tab: mostly good, some doubtful or wrong. */
const typed = {
  country: [
    ['China', 'United States', 'Myanmar', 'Australia', 'Chína', ' Laos ', 'Australia 🇦🇺'],
    ['', 'n/a', '#N/A'],
  ],
  year: [
    ['2019', '2020', '2021', '2022', '2023', '2024'],
    ['23', '', '2024-01-08', '1,999'],
  ],
  share: [
    ['70%', '~69%', '12', '5 %', '0.5%', '0.69'],
    ['seventy', '', '170%', '1,234', '#DIV/0!', 'TRUE'],
  ],
  source: [
    ['USGS', 'USGS, via the seed article (2024)'],
    ['', '-'],
  ],
} as const;

/** One cell: a good value 14 times in 15, so about half the tabs are valid. */
const cell = ([good, bad]: readonly [readonly string[], readonly string[]]) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
  );

const header = ['Country', 'Year', 'Share of global production (%)', 'Source'];

const tabs = fc.record({
  rows: fc.array(fc.tuple(cell(typed.country), cell(typed.year), cell(typed.share), cell(typed.source)), {
    minLength: 1,
    maxLength: 6,
  }),
  notes: fc.boolean(),
});

/** A problem or warning as both sides can state it: where, and what. */
const stated = (p: Pick<TabProblem, 'tab' | 'cell' | 'message'>) => `${sheetPlace(p)}: ${p.message}`;

interface SheetAnswer {
  problems?: { cell: string; message: string }[];
  warnings?: { cell: string; message: string }[];
}

/**
 * The Worker's POST …/sheet and the sync read a cell with one implementation. Here each generated tab
 * travels both ways — through the Sheets API (a fake on loopback) and the sync to one Worker, and as
 * the add-on sends it to another — and both must come to the same problems, warnings and rows.
 */
describe('a tab sent to POST …/sheet and a tab synced from the Sheets API', { timeout: 120_000 }, () => {
  let bySync: TestWorker;
  let bySheet: TestWorker;
  let dir: string;

  beforeAll(async () => {
    [bySync, bySheet, dir] = await Promise.all([
      startWorker(),
      startWorker(),
      mkdtemp(join(tmpdir(), 'assay-parity-')),
    ]);
  });
  afterAll(async () => {
    await Promise.all([bySync?.stop(), bySheet?.stop(), rm(dir, { recursive: true, force: true })]);
  });

  it('come to the same problems, warnings and published rows', async () => {
    await fc.assert(
      fc.asyncProperty(tabs, async ({ rows, notes }) => {
        const cells = [
          notes ? [...header, 'Notes'] : header,
          ...rows.map((row) => (notes ? [...row, 'x'] : row)),
        ];
        await writeFile(join(dir, 'Production.csv'), stringify(cells));
        const fake = await startFakeSheets({ dir });
        try {
          const synced = await syncGoogle(fake, bySync, {
            datasets: ['production'],
            force: true,
            status: false,
          });
          const outcome = synced.report.datasets[0];
          const response = await fetch(`${bySheet.url}/admin/v1/datasets/production/sheet`, {
            method: 'POST',
            headers: { authorization: `Bearer ${bySheet.adminToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ sheet: { title: 'Production', rowData: typedGrid(cells) }, force: true }),
          });
          const answer = (await response.json()) as SheetAnswer;
          const fromSheet = (list: SheetAnswer['warnings'] = []) =>
            list.map(({ cell, message }) => `${cell}: ${message}`);
          // Renames are the writer's, against what each Worker published before: compared below, by rows.
          const ownWarnings = (list: string[]) => list.filter((w) => !/ looks like .* renamed to /.test(w));

          if (outcome?.outcome === 'invalid') {
            expect(response.status, formatSheetProblem(outcome.problems[0] as SheetProblem)).toBe(422);
            expect(fromSheet(answer.problems)).toEqual(outcome.problems.map(stated));
          } else {
            expect(outcome?.outcome).toMatch(/^(published|unchanged)$/);
            expect(response.status).toBeLessThan(300);
            expect((await served(bySheet, 'production'))?.data).toEqual(
              (await served(bySync, 'production'))?.data,
            );
          }
          expect(ownWarnings(fromSheet(answer.warnings))).toEqual(
            ownWarnings(outcome?.warnings.map(stated) ?? []),
          );
        } finally {
          await fake.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});
