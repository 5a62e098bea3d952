import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import type { TableField, TableSchema } from '../../../src/datasets/table-schema.ts';
import type { Row } from '../../../src/datasets/types.ts';
import tableSchemaProfile from '../../shared/frictionless/table-schema.json';
import tabularDataPackageProfile from '../../shared/frictionless/tabular-data-package.json';
import { typedRecords } from '../../shared/typed-csv.ts';
import { testApp } from '../support/app.ts';
import { seedVersions } from '../support/seed.ts';
import { items, testDataset } from '../support/test-dataset.ts';
import { mineralRows, minerals } from './minerals.ts';

interface Resource {
  name: string;
  path: string;
  schema: TableSchema;
  sources?: { title: string; path?: string }[];
}
interface DataPackage {
  profile: string;
  name: string;
  licenses: { name: string }[];
  resources: Resource[];
}

function profileErrors(profile: object, value: unknown): string[] {
  const result = new Validator(profile as never, '4', false).validate(value);
  return result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

function checkConstraints(field: TableField, value: unknown): string[] {
  const c = field.constraints;
  const problems: string[] = [];
  if (value === null) return c.required ? [`${field.name} is required`] : [];
  if (typeof value === 'number') {
    if (c.minimum !== undefined && value < c.minimum) problems.push(`${field.name} below minimum`);
    if (c.maximum !== undefined && value > c.maximum) problems.push(`${field.name} above maximum`);
    if (field.type === 'integer' && !Number.isInteger(value)) problems.push(`${field.name} not whole`);
  }
  if (typeof value === 'string') {
    if (c.maxLength !== undefined && value.length > c.maxLength) problems.push(`${field.name} too long`);
    if (c.enum && !c.enum.includes(value)) problems.push(`${field.name} not listed`);
    if (field.type === 'date' && !/^\d{4}-\d\d-\d\d$/.test(value)) problems.push(`${field.name} no date`);
  }
  return problems;
}

async function seeded() {
  const app = testApp([minerals, testDataset, { ...testDataset, id: 'unpublished' }]);
  await seedVersions(app.store, minerals, [mineralRows.slice(0, 3), mineralRows]);
  await seedVersions(app.store, testDataset, [items(4)]);
  return app;
}

describe('the Data Package', () => {
  it('lists every published dataset, latest CSV, and validates against the profiles', async () => {
    const { request } = await seeded();
    const res = await request('/v1/datapackage.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const pkg = await res.json<DataPackage>();
    expect(profileErrors(tabularDataPackageProfile, pkg)).toEqual([]);
    for (const resource of pkg.resources) {
      expect(profileErrors(tableSchemaProfile, resource.schema), resource.name).toEqual([]);
    }
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.licenses[0]?.name).toBe('CC-BY-4.0');
    expect(pkg.resources.map((r) => [r.name, r.path])).toEqual([
      ['minerals', 'http://assay.test/v1/datasets/minerals?format=csv'],
      ['test-items', 'http://assay.test/v1/datasets/test-items?format=csv'],
    ]);
  });

  it('makes the Table Schema from the Zod schema: types, titles, constraints, key', async () => {
    const { request } = await seeded();
    const pkg = await (
      await request('/v1/datasets/minerals/versions/2/datapackage.json')
    ).json<DataPackage>();
    expect(pkg.name).toBe('minerals-v2');
    const schema = pkg.resources[0]?.schema;
    expect(schema?.primaryKey).toEqual(['id']);
    const byName = Object.fromEntries((schema?.fields ?? []).map((f) => [f.name, f]));
    expect(byName.id).toMatchObject({ type: 'integer', title: 'ID', constraints: { required: true } });
    expect(byName.name).toMatchObject({ type: 'string', constraints: { required: true, maxLength: 60 } });
    expect(byName.group).toMatchObject({
      type: 'string',
      constraints: { required: false, enum: ['light', 'heavy'] },
    });
    expect(byName.year).toMatchObject({ type: 'integer', constraints: { minimum: 1000, maximum: 2999 } });
    expect(byName.found).toMatchObject({ type: 'date', format: 'default', constraints: { required: false } });
    expect(byName.magnetic).toMatchObject({ type: 'boolean', trueValues: ['true'], falseValues: ['false'] });
  });

  it('pins a version: its CSV parses back with the schema types into the rows the JSON serves', async () => {
    const { request } = await seeded();
    const pkg = await (
      await request('/v1/datasets/minerals/versions/1/datapackage.json')
    ).json<DataPackage>();
    expect(profileErrors(tabularDataPackageProfile, pkg)).toEqual([]);
    const resource = pkg.resources[0];
    expect(resource?.path).toBe('http://assay.test/v1/datasets/minerals/versions/1?format=csv');
    const url = new URL(resource?.path ?? '');
    const csv = await (await request(`${url.pathname}${url.search}`)).text();
    const fields = resource?.schema.fields ?? [];
    const typed = typedRecords(csv, fields);
    for (const row of typed) {
      for (const field of fields) expect(checkConstraints(field, row[field.name]), field.name).toEqual([]);
    }
    const json = await (await request('/v1/datasets/minerals/versions/1')).json<{ data: Row[] }>();
    expect(typed).toEqual(json.data);
    expect(typed).toHaveLength(3);
  });

  it('refuses a query, and a version that does not exist', async () => {
    const { request } = await seeded();
    expect((await request('/v1/datapackage.json?x=1')).status).toBe(400);
    expect((await request('/v1/datasets/minerals/versions/9/datapackage.json')).status).toBe(404);
    expect((await request('/v1/datasets/unpublished/versions/1/datapackage.json')).status).toBe(404);
  });
});
