import { clipped } from '../../src/datasets/cell.ts';
import { datasets as catalogue } from '../../src/datasets/registry.ts';
import { sheetPlace, type TabProblem } from '../../src/datasets/sheet-problem.ts';
import type { CellValue } from '../../src/datasets/types.ts';
import { outcomeText, type RunReport, utcTime } from './run-report.ts';

/** Rows past this many problems are summarised: the tab stays readable and inside a new sheet's 1,000 rows. */
const maxListed = 500;
/** Every row is padded to this width, so a shorter row overwrites what a longer one left. */
const width = 6;

export type StatusRow = CellValue[];

function verdict(report: RunReport): string {
  if (report.error) return `The sync could not finish: ${report.error}`;
  const count = (outcome: string) => report.datasets.filter((d) => d.outcome === outcome).length;
  const [invalid, refused, failed] = [count('invalid'), count('refused'), count('failed')];
  if (invalid + refused + failed === 0) return 'Every dataset in this run is published and up to date.';
  const parts = [];
  if (invalid > 0)
    parts.push(`${invalid} not published: fix the cells listed below, the next sync publishes them`);
  if (refused > 0)
    parts.push(
      `${refused} held back because more rows would disappear than the dataset allows (see Outcome): check the tab; if the rows should go, whoever runs the sync can publish them with --force`,
    );
  if (failed > 0) parts.push(`${failed} failed to publish; the next sync tries again`);
  return `${parts.join('; ')}. Readers keep the last good version meanwhile.`;
}

/** A `--dataset` run rewrites the tab too: say which datasets it left out, so no news is not read as good news. */
function partial(report: RunReport): StatusRow[] {
  if (report.error) return [];
  const left = catalogue.filter((def) => !report.datasets.some((d) => d.dataset === def.id));
  return left.length === 0
    ? []
    : [['Not in this run', `${left.map((def) => def.tab).join(', ')}: the next full sync checks them.`]];
}

function servedVersion(d: RunReport['datasets'][number]): number | null {
  if (d.outcome === 'published' || d.outcome === 'unchanged') return d.version;
  if (d.outcome === 'invalid' || d.outcome === 'refused') return d.servedVersion;
  return null;
}

/**
 * The status tab's content for one run: when it ran, a line per dataset, then every problem and
 * warning with the cell to click. Values are written RAW, so nothing an editor typed becomes a formula.
 */
export function statusRows(report: RunReport): StatusRow[] {
  const rows: StatusRow[] = [
    ['Publish status', 'Written by the sync after every run; edits here are overwritten.'],
    ['Last run', utcTime(report.startedAt)],
    ['Result', verdict(report)],
    ...partial(report),
    [],
    ['Dataset', 'Tab', 'Outcome', 'Version served'],
    ...report.datasets.map((d) => [d.dataset, d.tab, outcomeText(d), servedVersion(d)]),
  ];
  const listed: [string, TabProblem][] = report.datasets.flatMap((d) => [
    ...(d.outcome === 'invalid' ? d.problems.map((p): [string, TabProblem] => ['problem', p]) : []),
    ...d.warnings.map((p): [string, TabProblem] => ['warning', p]),
  ]);
  if (listed.length > 0) {
    rows.push([], ['Cell', 'Row', 'Column', 'Kind', 'Problem', 'Value']);
    for (const [kind, p] of listed.slice(0, maxListed))
      rows.push([
        sheetPlace(p),
        p.row,
        p.column,
        kind,
        p.message,
        typeof p.value === 'string' ? clipped(p.value) : p.value,
      ]);
    if (listed.length > maxListed)
      rows.push([`… and ${listed.length - maxListed} more; run the sync with --json for all of them.`]);
  }
  return rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
}
