import { describe, expect, it } from 'vitest';
import type { SheetProblem } from '../../src/datasets/sheet-problem.ts';
import {
  exitCodeOf,
  formatRunReport,
  jsonReport,
  outcomeText,
  type RunReport,
  runOutcome,
} from './run-report.ts';

const problem: SheetProblem = {
  tab: 'Production',
  cell: 'C5',
  row: 5,
  column: 'share',
  message: 'expected a percentage, got "seventy"; write it like 70% or ~70%',
  value: 'seventy',
};
const base = { warnings: [] };

const report: RunReport = {
  startedAt: '2026-11-28T13:00:00.000Z',
  durationMs: 1_234,
  source: { kind: 'file', dir: 'fixtures' },
  target: 'http://127.0.0.1:8787',
  dryRun: false,
  exitCode: 1,
  datasets: [
    {
      ...base,
      dataset: 'production',
      tab: 'Production',
      outcome: 'invalid',
      problems: [problem],
      servedVersion: 3,
    },
    {
      ...base,
      dataset: 'elements',
      tab: 'Elements',
      outcome: 'published',
      version: 4,
      changes: { added: 2, removed: 0, changed: 1 },
      rows: 17,
    },
    { ...base, dataset: 'timeline', tab: 'Timeline', outcome: 'unchanged', version: 3, rows: 4 },
  ],
};

describe('the run report', () => {
  it('has one line per dataset in the contract’s words', () => {
    expect(report.datasets.map(outcomeText)).toEqual([
      '1 problem, not published (v3 still served)',
      'published v4 (+2 −0 ~1)',
      'unchanged v3',
    ]);
    expect(
      outcomeText({
        ...base,
        dataset: 'x',
        tab: 'X',
        outcome: 'invalid',
        problems: [problem, problem, problem],
        servedVersion: null,
      }),
    ).toBe('3 problems, not published');
  });

  it('prints the problems under their dataset, with cell references', () => {
    expect(formatRunReport(report)).toBe(
      [
        'Sync from fixtures to http://127.0.0.1:8787',
        '  production  1 problem, not published (v3 still served)',
        '      Production!C5 (row 5, column "share"): expected a percentage, got "seventy"; write it like 70% or ~70%',
        '  elements    published v4 (+2 −0 ~1)',
        '  timeline    unchanged v3',
        'Done in 1.2 s, exit code 1.',
        '',
      ].join('\n'),
    );
  });

  it('under --watch, starts with the run time and ends with how the tabs fared, not an exit code', () => {
    const lines = formatRunReport(report, { watching: true }).split('\n');
    expect(lines[0]).toBe('Run at 2026-11-28 13:00:00 UTC');
    expect(lines[1]).toBe('Sync from fixtures to http://127.0.0.1:8787');
    expect(lines.at(-2)).toBe(
      'Run finished in 1.2 s: 1 tab published, 1 tab unchanged, 1 tab not published.',
    );
    expect(lines.join('\n')).not.toContain('exit code');
    const stopped = { ...report, datasets: [], exitCode: 3 as const, error: 'the Worker is down' };
    expect(formatRunReport(stopped, { watching: true })).toContain(
      'Run finished in 1.2 s: stopped before publishing anything (the error is above).',
    );
    const dry = {
      ...report,
      dryRun: true,
      datasets: [{ ...base, dataset: 'a', tab: 'A', outcome: 'valid' as const, rows: 2 }],
    };
    expect(runOutcome(dry)).toBe('1 tab valid (dry run)');
  });

  it('heads a run its configuration stopped with only what it knows', () => {
    const stopped: RunReport = {
      ...report,
      source: {},
      target: null,
      datasets: [],
      exitCode: 2,
      error: 'no token',
    };
    expect(formatRunReport(stopped).split('\n').slice(0, 2)).toEqual(['Sync', 'error: no token']);
    expect(formatRunReport({ ...stopped, dryRun: true }).split('\n')[0]).toBe('Sync (dry run)');
    const dir = { ...stopped, source: { kind: 'file', dir: 'fixtures' } };
    expect(formatRunReport(dir).split('\n')[0]).toBe('Sync from fixtures');
  });

  it('exits with the worst outcome: target or source failure over configuration over bad cells', () => {
    const failed = (exitCode: 2 | 3) => ({
      ...base,
      dataset: 'f',
      tab: 'F',
      outcome: 'failed' as const,
      error: 'x',
      exitCode,
    });
    expect(exitCodeOf({ datasets: report.datasets.slice(1) })).toBe(0);
    expect(exitCodeOf(report)).toBe(1);
    expect(exitCodeOf({ datasets: [...report.datasets, failed(2)] })).toBe(2);
    expect(exitCodeOf({ datasets: [...report.datasets, failed(3), failed(2)] })).toBe(3);
    expect(exitCodeOf({ datasets: [], errorCode: 3 })).toBe(3);
  });

  it('as JSON, adds each dataset’s summary line and each problem’s rendered text', () => {
    const json = jsonReport(report) as { datasets: Record<string, unknown>[] };
    expect(json.datasets[0]).toMatchObject({
      summary: '1 problem, not published (v3 still served)',
      problems: [
        {
          ...problem,
          text: 'Production!C5 (row 5, column "share"): expected a percentage, got "seventy"; write it like 70% or ~70%',
        },
      ],
    });
  });
});
