import { describe, expect, it } from 'vitest';
import { catalogue } from '../datasets/catalogue.ts';
import { production } from '../datasets/production.ts';
import type { VersionMeta } from '../store/records.ts';
import { dataPackage } from './data-package.ts';

const meta = (source?: Record<string, unknown>): VersionMeta => ({
  dataset: 'production',
  version: 3,
  publishedAt: '2026-01-03T00:00:00.000Z',
  rowCount: 4,
  pageStarts: [0],
  pageBytes: [10],
  columns: [],
  contentHash: 'h',
  schemaHash: 's',
  ...(source && { source }),
});

const packaged = (source?: Record<string, unknown>) =>
  dataPackage([
    { def: production, meta: meta(source), csv: 'http://x.test/v1/datasets/production?format=csv' },
  ]);

describe('dataPackage', () => {
  it('names the source a publish recorded: a Google sheet with its link, a file by its path', () => {
    const google = packaged({ kind: 'google', spreadsheet: '1AbCdEfGhIjKlMnOp', tab: 'Production' });
    expect(google.resources[0]?.sources).toEqual([
      {
        title: 'Google Sheets spreadsheet 1AbCdEfGhIjKlMnOp, tab Production',
        path: 'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOp',
      },
    ]);
    expect(google.sources).toEqual(google.resources[0]?.sources);
    expect(packaged({ kind: 'file', path: 'fixtures/Production.csv' }).sources).toEqual([
      { title: 'File fixtures/Production.csv' },
    ]);
    expect(packaged({ note: 'x'.repeat(1000) }).sources?.[0]?.title.length).toBeLessThan(300);
    expect(packaged().sources).toBeUndefined();
  });

  it("declares the catalogue's licence and the CSV dialect the API writes", () => {
    const pkg = packaged();
    expect(pkg.licenses).toBe(catalogue.licenses);
    expect(pkg.resources[0]).toMatchObject({
      name: 'production',
      format: 'csv',
      mediatype: 'text/csv',
      dialect: { lineTerminator: '\r\n', header: true },
      schema: { primaryKey: ['country', 'year'] },
    });
  });
});
