import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TabCells } from '../../src/datasets/grid-cells.ts';
import type { SheetProblem, TabProblem, WorkbookProblem } from '../../src/datasets/sheet-problem.ts';
import type { DatasetDefinition } from '../../src/datasets/types.ts';
import { validateTab } from '../../src/datasets/validate-tab.ts';
import { renamedKeyWarnings } from '../../src/publish/renamed-keys.ts';
import { parseDevVars } from '../local/dev-vars.ts';
import { SyncError } from './errors.ts';
import { resolveConfig, type SyncConfig, type SyncOptions } from './options.ts';
import { type DatasetOutcome, type ExitCode, exitCodeOf, type RunReport } from './run-report.ts';
import { fileSource } from './sources/file.ts';
import { type GoogleSource, googleSource } from './sources/google.ts';
import type { UnreadableTab, WorkbookSource } from './sources/source.ts';
import { statusRows } from './status-tab.ts';
import { type PublishAnswer, putDataset, servedVersions, type Target } from './worker-api.ts';

export interface SyncIo {
  /** Defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where `npm start` keeps the local admin token; defaults to the repository's .dev.vars. */
  devVarsPath?: string;
}

export interface SyncResult {
  exitCode: ExitCode;
  report: RunReport;
}

const repoDevVars = join(import.meta.dirname, '../../.dev.vars');

function readDevVars(path: string): Record<string, string> {
  return existsSync(path) ? parseDevVars(readFileSync(path, 'utf8')) : {};
}

/** A problem of the workbook, not of any cell of the tab. */
const workbookProblem = (tab: string, message: string): WorkbookProblem => ({
  tab,
  cell: null,
  row: null,
  column: null,
  message,
  value: null,
});

/** The tab is not in the workbook: say so, and name the one that looks like it, renamed. */
function missingTab(def: DatasetDefinition, source: WorkbookSource): WorkbookProblem {
  const near = source.closestTab(def.tab);
  if (source.description.kind === 'file') {
    const rename = near ? `; is it ${near}? Rename it ${def.tab}.csv` : '';
    return workbookProblem(
      def.tab,
      `there is no ${def.tab}.csv (or Google's download name "<Spreadsheet> - ${def.tab}.csv") in ${source.description.dir}${rename}`,
    );
  }
  const advice = near
    ? `is it the tab "${near}"? Rename it "${def.tab}"`
    : 'add it, or rename the tab that holds this data';
  return workbookProblem(def.tab, `the spreadsheet has no tab named "${def.tab}"; ${advice}`);
}

/**
 * The Worker re-validates every row; it should agree with the sync, which ran the same schema. If it
 * does not, its problems still go to the editor: with no blank rows between data rows (a problem of
 * its own), rows[i] is sheet row i + 2.
 */
function targetProblems(
  def: DatasetDefinition,
  answer: Extract<PublishAnswer, { kind: 'invalid' }>,
): SheetProblem[] {
  return answer.problems.map((p) => ({
    tab: def.tab,
    cell: `${p.row + 2}:${p.row + 2}`,
    row: p.row + 2,
    column: p.column,
    message: `the Worker rejected this row: ${p.message}`,
    value: p.value,
  }));
}

async function syncDataset(
  def: DatasetDefinition,
  cells: TabCells | UnreadableTab | undefined,
  source: WorkbookSource,
  config: SyncConfig,
  served: Map<string, number> | null,
): Promise<DatasetOutcome> {
  const base = { dataset: def.id, tab: def.tab };
  const servedVersion = served?.get(def.id) ?? null;
  if (cells !== undefined && !Array.isArray(cells)) {
    const { row, message } = cells;
    const problem: TabProblem =
      row === null
        ? workbookProblem(def.tab, message)
        : { tab: def.tab, cell: `${row}:${row}`, row, column: null, message, value: null };
    return { ...base, outcome: 'invalid', problems: [problem], warnings: [], servedVersion };
  }
  if (cells === undefined)
    return { ...base, outcome: 'invalid', problems: [missingTab(def, source)], warnings: [], servedVersion };
  const sheetName = source.sheetName(def.tab);
  const { rows, problems, warnings } = validateTab(def, cells, { tab: sheetName });
  if (problems.length > 0) return { ...base, outcome: 'invalid', problems, warnings, servedVersion };
  if (config.target === null || served === null)
    return { ...base, outcome: 'valid', rows: rows.length, warnings };

  try {
    const answer = await putDataset(
      config.target,
      def.id,
      { rows, source: source.provenance(def.tab), baseVersion: servedVersion ?? 0, force: config.force },
      config.retry,
    );
    switch (answer.kind) {
      case 'published':
        return {
          ...base,
          outcome: 'published',
          version: answer.version,
          changes: answer.changes,
          rows: rows.length,
          warnings: [...warnings, ...renamedKeyWarnings(sheetName, answer.renamed)],
        };
      case 'unchanged':
        return { ...base, outcome: 'unchanged', version: answer.version, rows: rows.length, warnings };
      case 'invalid':
        return {
          ...base,
          outcome: 'invalid',
          problems: targetProblems(def, answer),
          warnings,
          servedVersion,
        };
      case 'refused':
        return { ...base, outcome: 'refused', reason: answer.reason, warnings, servedVersion };
    }
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    return { ...base, outcome: 'failed', error: error.message, exitCode: error.exitCode, warnings };
  }
}

async function openSource(config: SyncConfig): Promise<WorkbookSource | GoogleSource> {
  return config.source.kind === 'file'
    ? fileSource(config.source.dir)
    : googleSource(config.source, config.retry);
}

const settle = <T>(promise: Promise<T>): Promise<T | SyncError> =>
  promise.catch((error) => {
    if (error instanceof SyncError) return error;
    throw error;
  });

/**
 * One sync: read every dataset tab in one go, validate each, publish the valid ones (in parallel: each
 * dataset has its own writer), then tell the editors in the status tab. A tab with problems is not
 * published and the others carry on. Never throws for a failing source or target; the exit code and
 * the report say what happened.
 */
export async function runSync(options: SyncOptions = {}, io: SyncIo = {}): Promise<SyncResult> {
  const started = Date.now();
  const finish = (
    report: Omit<RunReport, 'startedAt' | 'durationMs' | 'exitCode'>,
    errorCode?: 2 | 3,
  ): SyncResult => {
    const exitCode = exitCodeOf({ datasets: report.datasets, ...(errorCode ? { errorCode } : {}) });
    const full = {
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      exitCode,
      ...report,
    };
    return { exitCode, report: full };
  };

  const resolved = resolveConfig(options, io.env ?? process.env, readDevVars(io.devVarsPath ?? repoDevVars));
  if (!resolved.ok)
    return finish(
      { source: {}, target: null, dryRun: !!options.dryRun, datasets: [], error: resolved.message },
      2,
    );
  const config = resolved.config;
  const target: Target | null = config.target;
  const header = { target: target?.url ?? null, dryRun: target === null };

  let source: WorkbookSource | GoogleSource;
  try {
    source = await openSource(config);
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    return finish(
      { source: { kind: config.source.kind }, ...header, datasets: [], error: error.message },
      error.exitCode,
    );
  }

  const [tabs, served] = await Promise.all([
    settle(source.readTabs(config.datasets.map((d) => d.tab))),
    target ? settle(servedVersions(target, config.retry)) : Promise.resolve(null),
  ]);
  if (tabs instanceof SyncError)
    return finish(
      { source: source.description, ...header, datasets: [], error: tabs.message },
      tabs.exitCode,
    );

  // A target that cannot be reached (or is not the Assay Worker) is so for every dataset: say it once
  // and try none of them, rather than once per dataset.
  const [ran, errorCode] =
    served instanceof SyncError
      ? [{ datasets: [], error: served.message }, served.exitCode]
      : [
          {
            datasets: await Promise.all(
              config.datasets.map((def) => syncDataset(def, tabs.get(def.tab), source, config, served)),
            ),
          },
          undefined,
        ];
  const report = { source: source.description, ...header, ...ran };
  const result = finish(report, errorCode);

  if (
    target === null ||
    !('writeStatus' in source) ||
    config.source.kind !== 'google' ||
    !config.source.status
  )
    return result;
  try {
    await source.writeStatus(statusRows(result.report));
    return finish({ ...report, statusTab: { written: true } }, errorCode);
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    return finish(
      { ...report, statusTab: { written: false, error: error.message } },
      Math.max(errorCode ?? 0, error.exitCode) as 2 | 3,
    );
  }
}
