import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rowJsonSchema } from '../../../src/datasets/json-schema.ts';
import { datasets } from '../../../src/datasets/registry.ts';
import type { Row } from '../../../src/datasets/types.ts';
import { validateRows } from '../../../src/datasets/validate-rows.ts';
import { jsonSchemaErrors } from '../../shared/json-schema-check.ts';
import { fixturesDir, hasTab, validateWorkbook, workbookReport } from './support/read-workbook.ts';

function rowsOf(tab: string): Row[] {
  const tabReport = validateWorkbook(fixturesDir).find(({ def }) => def.tab === tab);
  if (!tabReport) throw new Error(`no ${tab}.csv in fixtures/`);
  return tabReport.report.rows;
}

describe('the clean fixture workbook', () => {
  it('has one CSV per dataset, each validating with no problems and no warnings', () => {
    for (const def of datasets) expect(hasTab(fixturesDir, def.tab), def.tab).toBe(true);
    for (const { def, report } of validateWorkbook(fixturesDir)) {
      expect(report.problems, def.tab).toEqual([]);
      expect(report.warnings, def.tab).toEqual([]);
      expect(report.rows.length, def.tab).toBeGreaterThan(0);
    }
  });

  it("yields the article's production shares, approximate, for 2023 from the USGS", () => {
    expect(rowsOf('Production').map(({ source: _, ...row }) => row)).toEqual([
      { country: 'China', year: 2023, share: 70, shareApproximate: true },
      { country: 'United States', year: 2023, share: 14, shareApproximate: true },
      { country: 'Myanmar', year: 2023, share: 11, shareApproximate: true },
      { country: 'Australia', year: 2023, share: 5, shareApproximate: true },
    ]);
    for (const row of rowsOf('Production')) expect(row.source).toBe('USGS, via the seed article (2024)');
  });

  it("yields Japan's ~60 % dependence on China", () => {
    expect(rowsOf('Dependence')).toMatchObject([
      { country: 'Japan', supplier: 'China', year: 2024, share: 60, shareApproximate: true },
    ]);
  });

  it('yields the 17 rare-earth elements, Sc 21 … Lu 71', () => {
    const elements = rowsOf('Elements');
    expect(elements).toHaveLength(17);
    expect(elements[0]).toMatchObject({ symbol: 'Sc', atomicNumber: 21, group: null, lanthanide: false });
    expect(elements[1]).toMatchObject({ symbol: 'Y', atomicNumber: 39, group: 'heavy', lanthanide: false });
    expect(elements.at(-1)).toMatchObject({
      symbol: 'Lu',
      atomicNumber: 71,
      group: 'heavy',
      lanthanide: true,
    });
    const lanthanides = elements.filter((e) => e.lanthanide);
    expect(lanthanides.map((e) => e.atomicNumber)).toEqual(Array.from({ length: 15 }, (_, i) => 57 + i));
    expect(elements.find((e) => e.symbol === 'Nd')?.uses).toContain('NdFeB');
  });

  it('yields the five pillars announced on 2024-01-08, whatever way each date was typed', () => {
    const pillars = rowsOf('Partnership');
    expect(pillars.map((p) => p.pillar)).toEqual([
      'Joint Projects',
      'Technology Sharing',
      'Strategic Stockpiling',
      'Joint Research & Development',
      'Workforce Development',
    ]);
    for (const pillar of pillars) expect(pillar.announced).toBe('2024-01-08');
  });

  it('yields the players, the projects and a timeline with fuzzy and exact dates', () => {
    expect(rowsOf('Players').map((p) => p.abbreviation ?? p.name)).toEqual([
      'US Department of Defense',
      'METI',
      'Lynas Rare Earths',
      'MP Materials',
      'JOGMEC',
      'University research institutions',
    ]);
    expect(rowsOf('Projects').map((p) => p.project)).toEqual([
      'Seabed exploration',
      'Refining capacity expansion',
      'Recycling initiatives',
    ]);
    expect(rowsOf('Timeline').map(({ period, year, date }) => ({ period, year, date }))).toEqual([
      { period: '1990s', year: 1990, date: null },
      { period: 'undated', year: null, date: null },
      { period: '2010', year: 2010, date: null },
      { period: '2024-01-08', year: 2024, date: '2024-01-08' },
    ]);
  });

  it('gives every row a source', () => {
    for (const { def, report } of validateWorkbook(fixturesDir))
      for (const row of report.rows) expect(row.source, def.tab).toEqual(expect.stringMatching(/\S/));
  });

  it('publishes rows that match the served JSON Schema and that the Worker accepts unchanged', () => {
    for (const { def, report } of validateWorkbook(fixturesDir)) {
      const schema = rowJsonSchema(def) as Parameters<typeof jsonSchemaErrors>[0];
      for (const row of report.rows) expect(jsonSchemaErrors(schema, row), def.tab).toEqual([]);
      expect(validateRows(def, report.rows), def.tab).toEqual({ rows: report.rows, problems: [] });
      // A published version travels as JSON: it must survive the trip and still parse to itself.
      const revived = JSON.parse(JSON.stringify(report.rows)) as unknown[];
      expect(
        revived.map((row) => def.schema.parse(row)),
        def.tab,
      ).toEqual(report.rows);
    }
  });
});

describe('the broken fixture workbooks', () => {
  const brokenDir = join(fixturesDir, 'broken');
  const cases = readdirSync(brokenDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());

  it('has at least 12 cases, each with a non-empty expected report', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const entry of cases)
      expect(readFileSync(join(brokenDir, entry.name, 'expected.txt'), 'utf8')).not.toBe('');
  });

  for (const entry of cases) {
    it(`${entry.name} yields exactly its expected report`, () => {
      const dir = join(brokenDir, entry.name);
      expect(workbookReport(dir)).toBe(readFileSync(join(dir, 'expected.txt'), 'utf8'));
    });
  }
});
