import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { datasets } from '../../../../src/datasets/registry.ts';
import type { DatasetDefinition } from '../../../../src/datasets/types.ts';
import { formatReport, type TabReport, validateTab } from '../../../../src/datasets/validate-tab.ts';

export const fixturesDir = new URL('../../../../fixtures/', import.meta.url).pathname;

/** One tab as the file source reads it: every cell as text, rows as long as the editor left them. */
export function readTab(dir: string, tab: string): string[][] {
  return parse(readFileSync(join(dir, `${tab}.csv`), 'utf8'), { relax_column_count: true, bom: true });
}

/** The tabs a workbook folder holds, in catalogue order, with their reports. */
export function validateWorkbook(dir: string): { def: DatasetDefinition; report: TabReport }[] {
  const tabs = new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => basename(f, '.csv')),
  );
  return datasets
    .filter((def) => tabs.has(def.tab))
    .map((def) => ({ def, report: validateTab(def, readTab(dir, def.tab)) }));
}

/** The text `fixtures/broken/<case>/expected.txt` records: each tab's report, in catalogue order. */
export function workbookReport(dir: string): string {
  return validateWorkbook(dir)
    .map(({ report }) => formatReport(report))
    .join('');
}

export function hasTab(dir: string, tab: string): boolean {
  return existsSync(join(dir, `${tab}.csv`));
}
