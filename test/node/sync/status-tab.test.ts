import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryPolicyWithin } from '../../../scripts/sync/retry.ts';
import type { RunReport } from '../../../scripts/sync/run-report.ts';
import { type GoogleSource, googleSource } from '../../../scripts/sync/sources/google.ts';
import { statusRows } from '../../../scripts/sync/status-tab.ts';
import type { SheetProblem } from '../../../src/datasets/sheet-problem.ts';
import { type FakeSheets, startFakeSheets } from '../support/fake-sheets.ts';

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
      '1 held back because rows would disappear (see Outcome): check the tab, or sync with --force. Readers keep the last good version meanwhile.',
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

describe('writing the status tab', () => {
  let fake: FakeSheets;
  let source: GoogleSource;

  beforeEach(async () => {
    fake = await startFakeSheets();
    source = await googleSource(
      {
        kind: 'google',
        spreadsheetId: fake.spreadsheetId,
        credentials: { variable: 'GOOGLE_OAUTH_ACCESS_TOKEN', accessToken: fake.token },
        apiRoot: fake.url,
        status: true,
      },
      retryPolicyWithin(2_000),
    );
  });
  afterEach(() => fake.close());

  it('creates the tab, retrying the addSheet POST through 503s', async () => {
    fake.failNext(2, 503, { only: 'POST' });
    await source.writeStatus([['a', 'b']]);
    expect(fake.writes().map((c) => `${c.method} ${c.status}`)).toEqual([
      'PUT 400',
      'POST 503',
      'POST 503',
      'POST 200',
      'PUT 200',
      'POST 200',
    ]);
    expect(fake.values('Publish status')).toEqual([['a', 'b']]);
  });

  it('clears what a longer earlier run left below, and writes values RAW', async () => {
    await source.writeStatus(Array.from({ length: 8 }, (_, i) => [`old ${i}`, '=1+1']));
    await source.writeStatus([['new', '']]);
    expect(fake.values('Publish status')).toEqual([['new']]);
    const updates = fake.writes().filter((c) => c.method === 'PUT');
    expect(updates.every((c) => c.query.get('valueInputOption') === 'RAW')).toBe(true);
  });
});
