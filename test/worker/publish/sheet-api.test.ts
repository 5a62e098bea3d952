import { exports } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { production } from '../../../src/datasets/production.ts';
import type { DatasetDefinition } from '../../../src/datasets/types.ts';
import { typedGrid } from '../../shared/typed-grid.ts';
import {
  adminClient,
  adminToken,
  asEditor,
  expectProblem,
  publishToken,
  readsAnsweredDuring,
} from './admin-client.ts';

interface Placed {
  cell: string;
  row: number;
  column: string | null;
  field?: string;
  message: string;
  value: unknown;
}

interface Problem {
  status: number;
  detail: string;
  pointer?: string;
  problems?: Placed[];
  problemCount?: number;
  warnings?: Placed[];
}

const header = ['Country', 'Year', 'Share of global production (%)', 'Source'];

/** The production tab as an editor types it: the seed article's rows. */
const tab = [
  header,
  ['China', '2024', '~69%', 'USGS'],
  ['United States', '2024', '12%', 'USGS'],
  ['Myanmar', '2024', '8%', 'USGS'],
  ['Australia', '2024', '5%', 'USGS'],
];

/** The production dataset under another id, so each test has a writer and keys of its own. */
const productionAs = (id: string, extra: Partial<DatasetDefinition> = {}): DatasetDefinition => ({
  ...production,
  id,
  ...extra,
});

function clientFor(...ids: string[]) {
  return adminClient({ datasets: ids.map((id) => productionAs(id)) });
}

const body = (rows: readonly (readonly string[])[], extra: Record<string, unknown> = {}) => ({
  sheet: { title: 'Production', rowData: typedGrid(rows) },
  ...extra,
});

async function latest(client: ReturnType<typeof adminClient>, id: string) {
  return (await client.request(`/v1/datasets/${id}`)).json<{
    version: number;
    data: Record<string, unknown>[];
  }>();
}

describe('POST /admin/v1/datasets/:id/sheet', () => {
  it('publishes a tab sent as its cells, read as the sync reads them, and answers unchanged after', async () => {
    const client = clientFor('sheet-basic');
    const res = await client.sheet('sheet-basic', body(tab));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/datasets/sheet-basic/versions/1');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      version: 1,
      rowCount: 4,
      changes: { added: 4, removed: 0, changed: 0 },
      warnings: [],
    });
    const served = await latest(client, 'sheet-basic');
    // A percent-formatted 0.12 is 12, "~69%" is 69 and approximate, a typed 2024 a year.
    expect(served.data.slice(0, 2)).toEqual([
      { country: 'China', year: 2024, share: 69, shareApproximate: true, source: 'USGS' },
      { country: 'United States', year: 2024, share: 12, shareApproximate: false, source: 'USGS' },
    ]);
    const versions = await (await client.request('/v1/datasets/sheet-basic/versions')).json<{
      versions: { source?: unknown; publishedBy: string }[];
    }>();
    expect(versions.versions[0]).toMatchObject({
      publishedBy: 'tests',
      source: { kind: 'sheet', tab: 'Production' },
    });

    const again = await client.sheet('sheet-basic', body(tab));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ unchanged: true, version: 1, rowCount: 4, warnings: [] });
  });

  it('counts in a dry run exactly what the publish after it changes, publishing nothing', async () => {
    const client = clientFor('sheet-dry');
    const first = await client.sheet('sheet-dry', body(tab, { dryRun: true }));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      valid: true,
      version: 0,
      rowCount: 4,
      changes: { added: 4, removed: 0, changed: 0 },
      unchanged: false,
      warnings: [],
    });
    expect((await client.request('/v1/datasets/sheet-dry')).status).toBe(404);
    await client.sheet('sheet-dry', body(tab));

    const edited = [...tab.slice(0, 3), ['Myanmar', '2024', '9%', 'USGS'], ['India', '2024', '1%', 'USGS']];
    const dry = await client.sheet('sheet-dry', body(edited, { dryRun: true, baseVersion: 1 }));
    const checked = await dry.json<{ version: number; rowCount: number; changes: unknown }>();
    expect(checked).toMatchObject({ valid: true, version: 1, rowCount: 4, unchanged: false });
    expect(checked.changes).toEqual({ added: 1, removed: 1, changed: 1 });
    expect((await latest(client, 'sheet-dry')).version).toBe(1);
    const versions = await (await client.request('/v1/datasets/sheet-dry/versions')).json<{
      versions: unknown[];
    }>();
    expect(versions.versions).toHaveLength(1);

    const real = await client.sheet('sheet-dry', body(edited, { baseVersion: 1 }));
    expect(real.status).toBe(201);
    expect(await real.json()).toMatchObject({ version: 2, rowCount: 4, changes: checked.changes });

    const same = await client.sheet('sheet-dry', body(edited, { dryRun: true }));
    expect(await same.json()).toMatchObject({
      version: 2,
      unchanged: true,
      changes: { added: 0, removed: 0, changed: 0 },
    });
  });

  it('says in a dry run what would refuse the publish: the shrink guard, a stale baseVersion', async () => {
    const client = clientFor('sheet-refusal');
    await client.sheet('sheet-refusal', body(tab));
    const dry = await client.sheet('sheet-refusal', body(tab.slice(0, 2), { dryRun: true, baseVersion: 1 }));
    expect(dry.status).toBe(200);
    const checked = await dry.json<{ changes: unknown; refusal?: Problem & { removing?: number } }>();
    expect(checked.changes).toEqual({ added: 0, removed: 3, changed: 0 });
    expect(checked.refusal).toMatchObject({ status: 409, removing: 3, rows: 4, allowed: 0.5 });
    expect(checked.refusal?.detail).toMatch(/remove 3 of the 4 rows/);
    const refused = await expectProblem<Problem>(
      await client.sheet('sheet-refusal', body(tab.slice(0, 2))),
      409,
    );
    expect(refused.detail).toBe(
      'This publish would remove 3 of the 4 rows of "sheet-refusal" (75%); this dataset allows removing at most 50% of its rows in one publish. ' +
        'Check the tab: rows may have been deleted, filtered out or given another key (a changed key counts as a row removed and one added). ' +
        'If the rows should go, someone with an admin token can publish anyway with "force": true.',
    );

    const grown = [...tab, ['India', '2024', '1%', 'USGS']];
    const stale = await client.sheet('sheet-refusal', body(grown, { dryRun: true, baseVersion: 7 }));
    const staleChecked = await stale.json<{ refusal?: Problem & { currentVersion?: number } }>();
    expect(staleChecked.refusal).toMatchObject({ status: 409, currentVersion: 1 });
    await expectProblem<Problem>(
      await client.sheet(
        'sheet-refusal',
        body([...tab, ['India', '2024', '1%', 'USGS']], { baseVersion: 7 }),
      ),
      409,
      /baseVersion 7 is not the current version/,
    );
  });

  it('answers 422 with every problem at its cell in A1 form, and warnings the same way', async () => {
    const client = clientFor('sheet-invalid');
    const broken = [
      [...header, 'Notes'],
      ['China', '2024', 'seventy', 'USGS', 'check'],
      ['United States', '24', '12%', 'USGS'],
      ['Myanmar', '2024', '8%', ''],
    ];
    for (const dryRun of [false, true]) {
      const res = await client.request('/admin/v1/datasets/sheet-invalid/sheet', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${adminToken}`,
          'content-type': 'application/json',
          origin: 'https://evil.test',
        },
        body: JSON.stringify({ sheet: { title: 'My tab', rowData: typedGrid(broken) }, dryRun }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const problem = await expectProblem<Problem>(res, 422, /3 problems in 3 rows; nothing was published/);
      expect(problem.problemCount).toBe(3);
      expect(problem.problems?.map((p) => p.cell)).toEqual(["'My tab'!C2", "'My tab'!B3", "'My tab'!D4"]);
      expect(problem.problems?.[0]).toEqual({
        cell: "'My tab'!C2",
        row: 2,
        column: 'Share of global production (%)',
        field: 'share',
        message: expect.stringContaining('expected a percentage, got "seventy"'),
        value: 'seventy',
      });
      expect(problem.warnings?.map((w) => w.cell)).toEqual(["'My tab'!E1"]);
    }
    expect((await client.request('/v1/datasets/sheet-invalid')).status).toBe(404);
  });

  it('stops checking a tab once the problems it reports are capped', async () => {
    const client = clientFor('sheet-capped');
    const bad = Array.from({ length: 3_000 }, () => ['', 'x', 'y', '']);
    const res = await client.sheet('sheet-capped', body([header, ...bad], { dryRun: true }));
    const problem = await expectProblem<Problem>(res, 422, /checking stopped at the first 10000/);
    expect(problem.problems).toHaveLength(10_000);
    // Four problems a row: checking stopped within the row that reached the cap.
    expect(problem.problemCount).toBe(10_000);
    expect(problem.problems?.at(-1)?.row).toBe(2_501);
  });

  it('lets public reads through while it checks a large tab', async () => {
    const client = clientFor('sheet-busy');
    // Valid rows but for a repeated key at the end: the time goes to checking them, none to storage.
    const rows = Array.from({ length: 20_000 }, (_, i) => [`Country ${i}`, '2024', '5%', 'USGS']);
    const checking = client.sheet('sheet-busy', body([header, ...rows, rows[0] ?? []], { dryRun: true }));
    const { answered, result } = await readsAnsweredDuring(client, Promise.resolve(checking));
    await expectProblem<Problem>(result, 422, /1 problem in 1 row/);
    // Checking takes turns every 2,000 rows; one long loop would let only the first reads through.
    expect(answered).toBeGreaterThanOrEqual(5);
  });

  it('shows a dry run the warnings a publish would go live with', async () => {
    const client = clientFor('sheet-warn');
    const fraction = [header, ['China', '2024', '0.69', 'USGS']];
    const res = await client.sheet('sheet-warn', body(fraction, { dryRun: true }));
    expect(res.status).toBe(200);
    const checked = await res.json<{ warnings: Placed[] }>();
    expect(checked.warnings).toEqual([
      expect.objectContaining({ cell: 'Production!C2', row: 2, field: 'share', value: 0.69 }),
    ]);
    expect(checked.warnings[0]?.message).toMatch(/is read as 0.69%.*69%/);

    // Among shares of 1% or more it is held back, in a dry run as in a publish.
    const among = await client.sheet('sheet-warn', body([...fraction, tab[2] ?? []], { dryRun: true }));
    const held = await expectProblem<Problem>(among, 422);
    expect(held.problems).toEqual([
      expect.objectContaining({
        cell: 'Production!C2',
        message: expect.stringMatching(/percentages like 12%/),
      }),
    ]);
  });

  it('warns at the row when a key looks renamed, in a dry run and in the publish, and says so to a PUT', async () => {
    const client = clientFor('sheet-renamed');
    await client.sheet('sheet-renamed', body(tab));
    const renamed = tab.map((row) => (row[0] === 'Australia' ? ['Australia 🇦🇺', ...row.slice(1)] : row));
    const message =
      'row 5 looks like "Australia" renamed to "Australia 🇦🇺"; it counts as one row removed and one added';
    const dry = await (await client.sheet('sheet-renamed', body(renamed, { dryRun: true }))).json<{
      changes: unknown;
      warnings: Placed[];
    }>();
    expect(dry.changes).toEqual({ added: 1, removed: 1, changed: 0 });
    expect(dry.warnings).toEqual([{ cell: 'Production!5:5', row: 5, column: null, message, value: null }]);
    const real = await (await client.sheet('sheet-renamed', body(renamed))).json<{ warnings: Placed[] }>();
    expect(real.warnings).toEqual(dry.warnings);

    const rows = (await latest(client, 'sheet-renamed')).data;
    rows[0] = { ...rows[0], country: 'Chína' };
    const put = await client.put('sheet-renamed', { rows });
    expect(await put.json()).toEqual({
      version: 3,
      changes: { added: 1, removed: 1, changed: 0 },
      renamed: [
        { row: 0, before: { country: 'China', year: 2024 }, after: { country: 'Chína', year: 2024 } },
      ],
    });
  });

  it('takes the empty tab and a title-only tab as problems at A1, not as errors', async () => {
    const client = clientFor('sheet-empty');
    const empty = await expectProblem<Problem>(await client.sheet('sheet-empty', body([])), 422);
    expect(empty.problems?.[0]).toMatchObject({
      cell: 'Production!A1',
      message: expect.stringMatching(/empty/),
    });
    const titled = await expectProblem<Problem>(
      await client.sheet('sheet-empty', body([['Rare earths'], [], ...tab])),
      422,
    );
    expect(titled.problems?.[0]?.message).toMatch(/headers are in row 3/);
  });

  it("refuses a malformed body with a pointer, and keeps the admin routes' 401, 413 and 415", async () => {
    const client = adminClient({ datasets: [productionAs('sheet-guard')], vars: { MAX_BODY_BYTES: '2000' } });
    const wrong = [
      [{ sheet: { title: 'Production' } }, '/sheet/rowData'],
      [{ sheet: { title: '', rowData: [] } }, '/sheet/title'],
      [{ sheet: { title: 'P', rowData: [], startRow: 3 } }, '/sheet/startRow'],
      [{ sheet: { title: 'P', rowData: [] }, dryrun: true }, '/dryrun'],
      [
        { sheet: { title: 'P', rowData: [{ values: [{ effectiveValue: { numberValue: 'x' } }] }] } },
        '/sheet/rowData/0/values/0/effectiveValue/numberValue',
      ],
    ] as const;
    for (const [sent, pointer] of wrong) {
      const problem = await expectProblem<Problem>(await client.sheet('sheet-guard', sent), 400);
      expect(problem.pointer).toBe(pointer);
    }
    const anonymous = await client.request('/admin/v1/datasets/sheet-guard/sheet', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body(tab)),
    });
    await expectProblem<Problem>(anonymous, 401, /ADMIN_TOKEN or PUBLISH_TOKEN/);
    await expectProblem<Problem>(
      await client.sheet('sheet-guard', 'x', { 'content-type': 'text/plain' }),
      415,
    );
    const large = body(Array.from({ length: 40 }, () => tab[1] ?? []));
    await expectProblem<Problem>(await client.sheet('sheet-guard', large), 413, /MAX_BODY_BYTES/);
    await expectProblem<Problem>(await client.sheet('no-such', body(tab)), 404, /no dataset "no-such"/);
  });

  it("logs one line per attempt, with the token's label and scope, never the token", async () => {
    const client = clientFor('sheet-log');
    const logs = vi.spyOn(console, 'log');
    await client.sheet('sheet-log', body(tab, { dryRun: true }), asEditor);
    await client.sheet('sheet-log', body(tab), asEditor);
    const lines = logs.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('"publish"'));
    logs.mockRestore();
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        dataset: 'sheet-log',
        by: 'editors',
        scope: 'publish',
        outcome: 'checked',
        dryRun: true,
        sheet: 'Production',
        rows: 4,
      }),
      expect.objectContaining({ dataset: 'sheet-log', outcome: 'published', dryRun: false, version: 1 }),
    ]);
    expect(lines.join('\n')).not.toContain(publishToken);
  });

  it('is served by the real Worker and listed in the OpenAPI document with both token schemes', async () => {
    const res = await exports.default.fetch('http://assay.test/admin/v1/datasets/production/sheet', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${publishToken}` },
      body: JSON.stringify(body(tab, { dryRun: true })),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ valid: true, rowCount: 4 });
    const doc = await (await exports.default.fetch('http://assay.test/openapi.json')).json<{
      paths: Record<string, Record<string, { security?: unknown; responses?: Record<string, unknown> }>>;
      components: { securitySchemes?: Record<string, { description?: string }> };
    }>();
    const sheet = doc.paths['/admin/v1/datasets/{id}/sheet']?.post;
    expect(sheet?.security).toEqual([{ adminToken: [] }, { publishToken: [] }]);
    expect(Object.keys(sheet?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '401', '403', '409', '413', '415', '422']),
    );
    expect(doc.paths['/admin/v1/datasets/{id}']?.put?.security).toEqual([
      { adminToken: [] },
      { publishToken: [] },
    ]);
    expect(doc.paths['/admin/v1/datasets/{id}/rollback']?.post?.security).toEqual([{ adminToken: [] }]);
    expect(doc.components.securitySchemes?.publishToken?.description).toMatch(/PUBLISH_TOKEN.*403/);
  });
});

describe('publish tokens', () => {
  it('may publish by PUT and by sheet, but a force is 403 saying it needs an admin token', async () => {
    const client = clientFor('scoped');
    expect((await client.sheet('scoped', body(tab), asEditor)).status).toBe(201);
    const rows = (await latest(client, 'scoped')).data;
    expect((await client.put('scoped', { rows: rows.slice(0, 3) }, asEditor)).status).toBe(201);

    for (const refused of [
      await client.sheet('scoped', body(tab.slice(0, 2), { force: true }), asEditor),
      await client.put('scoped', { rows: rows.slice(0, 1), force: true }, asEditor),
      // Even a dry run: force is refused whatever it would have come to.
      await client.sheet('scoped', body(tab, { force: true, dryRun: true }), asEditor),
    ]) {
      const problem = await expectProblem<Problem>(refused, 403, /needs an admin token \(ADMIN_TOKEN\)/);
      expect(problem.detail).toMatch(/ask someone with an admin token to publish anyway/);
    }
    expect((await latest(client, 'scoped')).version).toBe(2);
    // "force": false asks for nothing more than a publish.
    expect((await client.put('scoped', { rows, force: false }, asEditor)).status).toBe(201);
  });

  it('may not roll back, before the body is even read; an admin token may do both', async () => {
    const client = clientFor('scoped-admin');
    await client.sheet('scoped-admin', body(tab));
    await client.sheet('scoped-admin', body(tab.slice(0, 3)));
    await expectProblem<Problem>(
      await client.rollback('scoped-admin', { version: 1 }, asEditor),
      403,
      /^Rolling back needs an admin token/,
    );
    await expectProblem<Problem>(await client.rollback('scoped-admin', 'not json', asEditor), 403);
    expect((await client.rollback('scoped-admin', { version: 1 })).status).toBe(201);
    const forced = await client.sheet('scoped-admin', body(tab.slice(0, 2), { force: true }));
    expect(forced.status).toBe(201);
    expect(await forced.json()).toMatchObject({ changes: { removed: 3 } });
  });

  it('close the admin API (401) when neither secret is set, while reads go on', async () => {
    const client = adminClient({
      datasets: [productionAs('no-tokens')],
      vars: { ADMIN_TOKEN: undefined, PUBLISH_TOKEN: undefined },
    });
    await expectProblem<Problem>(await client.sheet('no-tokens', body(tab)), 401);
    expect((await client.request('/v1/datasets')).status).toBe(200);
  });

  it('work alone: a Worker with only PUBLISH_TOKEN publishes and refuses force', async () => {
    const client = adminClient({
      datasets: [productionAs('publish-only')],
      vars: { ADMIN_TOKEN: undefined },
    });
    expect((await client.sheet('publish-only', body(tab), asEditor)).status).toBe(201);
    await expectProblem<Problem>(await client.sheet('publish-only', body(tab), {}), 401);
    await expectProblem<Problem>(
      await client.sheet('publish-only', body(tab, { force: true }), asEditor),
      403,
    );
  });
});
