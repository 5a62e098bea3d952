import { Validator } from '@cfworker/json-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableSchema } from '../../../src/datasets/table-schema.ts';
import tableSchemaProfile from '../../shared/frictionless/table-schema.json' with { type: 'json' };
import tabularDataPackageProfile from '../../shared/frictionless/tabular-data-package.json' with {
  type: 'json',
};
import { typedRecords } from '../../shared/typed-csv.ts';
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
      const typed = typedRecords(csv, resource.schema.fields);
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
