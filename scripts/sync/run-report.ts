import { formatSheetProblem, type SheetProblem, type TabProblem } from '../../src/datasets/sheet-problem.ts';
import { formatReport } from '../../src/datasets/validate-tab.ts';
import type { ChangeCounts } from '../../src/store/records.ts';
import { formatDuration } from './duration.ts';

interface Outcome {
  dataset: string;
  tab: string;
  /** Unknown columns and the like: never block a publish, always shown. */
  warnings: SheetProblem[];
}

/**
 * One dataset's part of a run. `invalid` and `refused` are the editor's to fix (exit 1); `failed` is
 * the source's or the target's (exit 2 or 3). `servedVersion` is what readers still get.
 */
export type DatasetOutcome = Outcome &
  (
    | { outcome: 'published'; version: number; changes: ChangeCounts; rows: number }
    | { outcome: 'unchanged'; version: number; rows: number }
    | { outcome: 'valid'; rows: number }
    | { outcome: 'invalid'; problems: TabProblem[]; servedVersion: number | null }
    | { outcome: 'refused'; reason: string; servedVersion: number | null }
    | { outcome: 'failed'; error: string; exitCode: 2 | 3 }
  );

export type ExitCode = 0 | 1 | 2 | 3;

export interface RunReport {
  startedAt: string;
  durationMs: number;
  source: Record<string, string>;
  /** The admin API's origin; null in a dry run, which talks to no target. */
  target: string | null;
  dryRun: boolean;
  exitCode: ExitCode;
  datasets: DatasetOutcome[];
  /** The spreadsheet's status tab, for the Google source. */
  statusTab?: { written: true } | { written: false; error: string };
  /** Why the run stopped before any dataset was handled (the source could not be read, say). */
  error?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Worst wins, in contract order: a broken source or target (3) over configuration (2) over bad cells (1). */
export function exitCodeOf(report: Pick<RunReport, 'datasets'> & { errorCode?: 2 | 3 }): ExitCode {
  const codes = report.datasets.map((d): ExitCode => {
    if (d.outcome === 'failed') return d.exitCode;
    return d.outcome === 'invalid' || d.outcome === 'refused' ? 1 : 0;
  });
  return Math.max(0, report.errorCode ?? 0, ...codes) as ExitCode;
}

const still = (version: number | null) => (version === null ? '' : ` (v${version} still served)`);

/** `published v4 (+2 −0 ~1)`, `unchanged v3`, `3 problems, not published`… */
export function outcomeText(d: DatasetOutcome): string {
  switch (d.outcome) {
    case 'published':
      return `published v${d.version} (+${d.changes.added} −${d.changes.removed} ~${d.changes.changed})`;
    case 'unchanged':
      return `unchanged v${d.version}`;
    case 'valid':
      return `valid, ${plural(d.rows, 'row')} (dry run, not published)`;
    case 'invalid':
      return `${plural(d.problems.length, 'problem')}, not published${still(d.servedVersion)}`;
    case 'refused':
      return `not published${still(d.servedVersion)}: ${d.reason}`;
    case 'failed':
      return `failed: ${d.error}`;
  }
}

/** `2026-11-28T13:00:05.123Z` → `2026-11-28 13:00:05 UTC`: when a run started, to the second. */
export const utcTime = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** How the tabs fared, for a run that is one of many: `1 tab published, 5 tabs unchanged, 1 tab not published`. */
export function runOutcome(report: RunReport): string {
  if (report.error) return 'stopped before publishing anything (the error is above)';
  const count = (...outcomes: DatasetOutcome['outcome'][]) =>
    report.datasets.filter((d) => outcomes.includes(d.outcome)).length;
  const parts = (
    [
      [count('published'), 'published'],
      [count('unchanged'), 'unchanged'],
      [count('valid'), 'valid (dry run)'],
      [count('invalid', 'refused'), 'not published'],
      [count('failed'), 'failed'],
    ] as const
  ).flatMap(([n, what]) => (n === 0 ? [] : [`${plural(n, 'tab')} ${what}`]));
  return parts.length === 0 ? 'no tabs' : parts.join(', ');
}

/**
 * The whole report for a terminal: a line per dataset, its problems and warnings indented below. A
 * single run ends with its exit code, as the process does; a run under --watch is one of many, so it
 * starts with its time and ends with how it went instead.
 */
export function formatRunReport(report: RunReport, { watching = false } = {}): string {
  const width = Math.max(0, ...report.datasets.map((d) => d.dataset.length));
  // A run stopped by its configuration may know neither its source nor its target.
  const source = report.source.spreadsheet
    ? `spreadsheet ${report.source.spreadsheet}`
    : (report.source.dir ?? report.source.kind);
  const from = source ? ` from ${source}` : '';
  const to = report.target ? ` to ${report.target}` : report.dryRun ? ' (dry run)' : '';
  const lines = watching ? [`Run at ${utcTime(report.startedAt)}`] : [];
  lines.push(`Sync${from}${to}`);
  if (report.error) lines.push(`error: ${report.error}`);
  for (const d of report.datasets) {
    lines.push(`  ${d.dataset.padEnd(width)}  ${outcomeText(d)}`);
    const problems = d.outcome === 'invalid' ? d.problems : [];
    const detail = formatReport({ problems, warnings: d.warnings });
    for (const line of detail.split('\n').filter(Boolean)) lines.push(`      ${line}`);
  }
  if (report.statusTab && !report.statusTab.written)
    lines.push(`The status tab was not updated: ${report.statusTab.error}`);
  lines.push(
    watching
      ? `Run finished in ${formatDuration(report.durationMs)}: ${runOutcome(report)}.`
      : `Done in ${formatDuration(report.durationMs)}, exit code ${report.exitCode}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** `--json`: the report as data, each problem with its rendered line so a consumer need not rebuild it. */
export function jsonReport(report: RunReport): unknown {
  const withText = (p: TabProblem) => ({ ...p, text: formatSheetProblem(p) });
  return {
    ...report,
    datasets: report.datasets.map((d) => ({
      ...d,
      summary: outcomeText(d),
      warnings: d.warnings.map(withText),
      ...(d.outcome === 'invalid' ? { problems: d.problems.map(withText) } : {}),
    })),
  };
}
