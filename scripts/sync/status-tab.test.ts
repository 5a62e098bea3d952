import { describe, expect, it } from 'vitest';
import type { SheetProblem } from '../../src/datasets/sheet-problem.ts';
import type { RunReport } from './run-report.ts';
import { statusRows } from './status-tab.ts';

const problem: SheetProblem = {
  tab: 'Production',
  cell: 'C5',
  row: 5,
  column: 'Share of global production (%)',
  field: 'share',
  message: 'expected a percentage, got "seventy"; write it like 70% or ~70%',
  value: 'seventy',
};

const report: RunReport = {
  startedAt: '2026-11-28T13:00:05.123Z',
  durationMs: 420,
  source: { kind: 'google', spreadsheet: 'sheet-id' },
  target: 'https://assay.example',
  dryRun: false,
  exitCode: 1,
  datasets: [
    {
      dataset: 'production',
      tab: 'Production',
      outcome: 'invalid',
      problems: [problem],
      warnings: [],
      servedVersion: 3,
    },
    {
      dataset: 'elements',
      tab: 'Elements',
      outcome: 'published',
      version: 4,
      changes: { added: 2, removed: 0, changed: 1 },
      rows: 17,
      warnings: [],
    },
  ],
};

describe('statusRows', () => {
  it('says when it ran, what became of each dataset, and where each problem is', () => {
    expect(statusRows(report)).toEqual([
      ['Publish status', 'Written by the sync after every run; edits here are overwritten.', '', '', '', ''],
      ['Last run', '2026-11-28 13:00:05 UTC', '', '', '', ''],
      [
        'Result',
        '1 not published: fix the cells listed below, the next sync publishes them. Readers keep the last good version meanwhile.',
        '',
        '',
        '',
        '',
      ],
      [
        'Not in this run',
        'Dependence, Partnership, Players, Projects, Timeline: the next full sync checks them.',
        '',
        '',
        '',
        '',
      ],
      ['', '', '', '', '', ''],
      ['Dataset', 'Tab', 'Outcome', 'Version served', '', ''],
      ['production', 'Production', '1 problem, not published (v3 still served)', 3, '', ''],
      ['elements', 'Elements', 'published v4 (+2 −0 ~1)', 4, '', ''],
      ['', '', '', '', '', ''],
      ['Cell', 'Row', 'Column', 'Kind', 'Problem', 'Value'],
      [
        'Production!C5',
        5,
        'Share of global production (%)',
        'problem',
        'expected a percentage, got "seventy"; write it like 70% or ~70%',
        'seventy',
      ],
    ]);
  });

  it('says a tab held back by the shrink guard needs a look or --force, and cuts long values short', () => {
    const long = 'x'.repeat(40_000);
    const rows = statusRows({
      ...report,
      datasets: [
        {
          dataset: 'production',
          tab: 'Production',
          outcome: 'refused',
          reason: 'the tab has no data rows',
          warnings: [{ ...problem, value: long }],
          servedVersion: 3,
        },
      ],
    });
    expect(rows[2]?.[1]).toBe(
      '1 held back because more rows would disappear than the dataset allows (see Outcome): check the tab; if the rows should go, whoever runs the sync can publish them with --force. Readers keep the last good version meanwhile.',
    );
    expect(rows[3]).toEqual([
      'Not in this run',
      'Dependence, Elements, Partnership, Players, Projects, Timeline: the next full sync checks them.',
      '',
      '',
      '',
      '',
    ]);
    expect(rows.at(-1)?.[5]).toBe(`${'x'.repeat(200)}… (40000 characters)`);
  });

  it('lists a problem of the workbook under the tab it is about, with no row', () => {
    const missing = {
      tab: 'Production',
      cell: null,
      row: null,
      column: null,
      message:
        'the spreadsheet has no tab named "Production"; add it, or rename the tab that holds this data',
      value: null,
    };
    const rows = statusRows({
      ...report,
      datasets: [
        {
          ...(report.datasets[0] as RunReport['datasets'][number]),
          problems: [missing],
        } as RunReport['datasets'][number],
      ],
    });
    expect(rows.at(-1)).toEqual(['Production', '', '', 'problem', missing.message, '']);
  });

  it('lists at most 500 problems and says how many more there are', () => {
    const many = Array.from({ length: 700 }, (_, i) => ({ ...problem, row: i + 2, cell: `C${i + 2}` }));
    const rows = statusRows({
      ...report,
      datasets: [
        {
          dataset: 'production',
          tab: 'Production',
          outcome: 'invalid',
          problems: many,
          warnings: [],
          servedVersion: 3,
        },
      ],
    });
    expect(rows.at(-1)?.[0]).toBe('… and 200 more; run the sync with --json for all of them.');
    expect(rows.length).toBeLessThan(520);
  });
});
