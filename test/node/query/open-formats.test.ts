import { Validator } from '@cfworker/json-schema';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableField, TableSchema } from '../../../src/datasets/table-schema.ts';
import tableSchemaProfile from '../../shared/frictionless/table-schema.json' with { type: 'json' };
import tabularDataPackageProfile from '../../shared/frictionless/tabular-data-package.json' with {
  type: 'json',
};
import { startWorker, type TestWorker } from '../support/worker.ts';
import { syncFiles } from '../sync/helpers.ts';

/**
 * The "done when", end to end: the built Worker in Miniflare, the fixture workbook published by
 * the sync, then the query and the Data Package as a client and a data tool would read them.
 */

interface Resource {
  name: string;
  path: string;
  schema: TableSchema;
}

/** A CSV cell as a Frictionless reader types it from the Table Schema (the default missing value is ""). */
function typedCell(field: TableField, text: string): unknown {
  if (text === '') return null;
  if (field.type === 'integer' || field.type === 'number') {
    const value = Number(text);
    if (!Number.isFinite(value)) throw new Error(`${field.name}: "${text}" is not a number`);
    return value;
  }
  if (field.type === 'boolean') {
    if (field.trueValues?.includes(text)) return true;
    if (field.falseValues?.includes(text)) return false;
    throw new Error(`${field.name}: "${text}" is neither true nor false`);
  }
  if (field.type === 'date' && !/^\d{4}-\d\d-\d\d$/.test(text)) throw new Error(`${field.name}: no date`);
  return text;
}

describe('query power and open formats, end to end', { timeout: 60_000 }, () => {
  let worker: TestWorker;

  beforeAll(async () => {
    worker = await startWorker();
    const { exitCode, report } = await syncFiles(worker, { retryBudgetMs: 30_000 });
    expect(exitCode, JSON.stringify(report).slice(0, 2000)).toBe(0);
  });
  afterAll(() => worker?.stop());

  it('answers the issue example with the matching rows, matchCount and facets', async () => {
    const res = await fetch(
      `${worker.url}/v1/datasets/elements?filter[atomicNumber][gte]=57&filter[group]=heavy&facet=group&q=magnet`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      rowCount: number;
      matchCount: number;
      facets: Record<string, unknown>;
      data: { symbol: string }[];
    };
    expect(body.rowCount).toBe(17);
    expect(body.matchCount).toBe(3);
    expect(body.facets).toEqual({ group: [{ value: 'heavy', count: 3 }] });
    expect(body.data.map((row) => row.symbol)).toEqual(['Tb', 'Dy', 'Ho']);
  });

  it('serves a Data Package that validates and whose every CSV parses back with its types', async () => {
    const pkg = (await (await fetch(`${worker.url}/v1/datapackage.json`)).json()) as {
      resources: Resource[];
    };
    const errors = new Validator(tabularDataPackageProfile as never, '4', false).validate(pkg).errors;
    expect(errors).toEqual([]);
    expect(pkg.resources).toHaveLength(7);
    for (const resource of pkg.resources) {
      const schemaErrors = new Validator(tableSchemaProfile as never, '4', false).validate(
        resource.schema,
      ).errors;
      expect(schemaErrors, resource.name).toEqual([]);
      const csv = await (await fetch(resource.path)).text();
      const records = parse(csv, { columns: true }) as Record<string, string>[];
      const typed = records.map((record) =>
        Object.fromEntries(resource.schema.fields.map((f) => [f.name, typedCell(f, record[f.name] ?? '')])),
      );
      const json = (await (await fetch(`${worker.url}/v1/datasets/${resource.name}`)).json()) as {
        data: Record<string, unknown>[];
      };
      expect(typed, resource.name).toEqual(json.data);
      const key = resource.schema.primaryKey;
      expect(new Set(typed.map((row) => JSON.stringify(key.map((k) => row[k])))).size, resource.name).toBe(
        typed.length,
      );
    }
  });
});
