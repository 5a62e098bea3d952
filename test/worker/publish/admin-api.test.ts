import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DatasetWriter } from '../../../src/publish/dataset-writer.ts';
import { keys } from '../../../src/store/keys.ts';
import type { VersionMeta, VersionSummary } from '../../../src/store/records.ts';
import { items, testDataset } from '../support/test-dataset.ts';
import { adminClient, adminToken, datasetNamed, expectProblem, readsAnsweredDuring } from './admin-client.ts';

interface Problem {
  status: number;
  detail: string;
  pointer?: string;
  parameter?: string;
  problems?: { row: number; column: string | null; message: string; value: unknown }[];
}

/** A client whose app knows the given dataset ids (the test dataset under each). */
function clientFor(...ids: string[]) {
  return adminClient({ datasets: ids.map((id) => datasetNamed(id)) });
}

async function latest(client: ReturnType<typeof adminClient>, id: string) {
  return (await client.request(`/v1/datasets/${id}`)).json<{ version: number; data: unknown[] }>();
}

describe('authentication', () => {
  it('answers 401 for a missing, wrong or non-Bearer token, with no CORS and no token echoed', async () => {
    const client = clientFor('auth');
    const url = '/admin/v1/datasets/auth';
    const body = JSON.stringify({ rows: items(1) });
    const tries: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: `Basic ${adminToken}` },
      { authorization: `Bearer ${adminToken}x` },
      { authorization: 'Bearer tests:test-admin-token' },
    ];
    for (const headers of tries) {
      const res = await client.request(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', origin: 'https://evil.test', ...headers },
        body,
      });
      await expectProblem<Problem>(res, 401, /Authorization: Bearer/);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="assay-admin"');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('accepts every configured token and records its label, never the token', async () => {
    const client = clientFor('labels');
    const logs = vi.spyOn(console, 'log');
    expect((await client.put('labels', { rows: items(2) })).status).toBe(201);
    const rotated = await client.put(
      'labels',
      { rows: items(3) },
      { authorization: 'Bearer second-test-token' },
    );
    expect(rotated.status).toBe(201);
    const history = await (await client.request('/v1/datasets/labels/versions')).json<{
      versions: VersionSummary[];
    }>();
    expect(history.versions.map((v) => v.publishedBy)).toEqual(['rotated', 'tests']);
    const lines = logs.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('"publish"'));
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({
      event: 'publish',
      dataset: 'labels',
      by: 'rotated',
      rows: 3,
      outcome: 'published',
      version: 2,
      ms: expect.any(Number),
    });
    expect(lines.join('\n')).not.toMatch(/test-admin-token|second-test-token/);
    logs.mockRestore();
  });

  it('publishes a real dataset through the real Worker, editor text included, and takes its rows back', async () => {
    const put = (rows: unknown[]) =>
      exports.default.fetch('http://assay.test/admin/v1/datasets/production', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ rows, source: { kind: 'test' } }),
      });
    const typed = [
      { country: 'China', year: 2024, share: '~69%', source: 'USGS' },
      { country: 'United States', year: 2024, share: 12, source: 'USGS' },
    ];
    const first = await put(typed);
    expect(first.status).toBe(201);
    const served = await (await exports.default.fetch('http://assay.test/v1/datasets/production')).json<{
      data: Record<string, unknown>[];
    }>();
    expect(served.data[0]).toMatchObject({ country: 'China', share: 69, shareApproximate: true });
    const again = await put(served.data);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ unchanged: true, version: 1 });
  });

  it('guards the real Worker too', async () => {
    const res = await exports.default.fetch('http://assay.test/admin/v1/datasets/anything', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"rows":[]}',
    });
    await expectProblem<Problem>(res, 401);
    const unknown = await exports.default.fetch('http://assay.test/admin/v1/datasets/no-such-dataset', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: '{"rows":[]}',
    });
    await expectProblem<Problem>(unknown, 404, /no dataset "no-such-dataset"/);
  });
});

describe('PUT /admin/v1/datasets/:id', () => {
  it('publishes new content as 201 with change counts, then the same content as 200 unchanged', async () => {
    const client = clientFor('basic');
    const first = await client.put('basic', { rows: items(5), source: { kind: 'test', tab: 'Items' } });
    expect(first.status).toBe(201);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('location')).toBe('/v1/datasets/basic/versions/1');
    expect(await first.json()).toEqual({ version: 1, changes: { added: 5, removed: 0, changed: 0 } });

    const again = await client.put('basic', { rows: items(5) });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ unchanged: true, version: 1 });

    const edited = items(6);
    edited[2] = { ...edited[2], name: 'two' } as (typeof edited)[number];
    const second = await client.put('basic', { rows: edited.slice(1) });
    expect(await second.json()).toEqual({ version: 2, changes: { added: 1, removed: 1, changed: 1 } });

    const latest = await (await client.request('/v1/datasets/basic')).json<{
      version: number;
      data: unknown[];
    }>();
    expect(latest.version).toBe(2);
    expect(latest.data).toEqual(edited.slice(1));
  });

  it('records provenance on every version', async () => {
    const client = clientFor('provenance');
    await client.put('provenance', { rows: items(2), source: { kind: 'file', dir: 'fixtures' } });
    const { versions } = await (await client.request('/v1/datasets/provenance/versions')).json<{
      versions: (VersionSummary & { rowsRetained: boolean })[];
    }>();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      version: 1,
      publishedBy: 'tests',
      source: { kind: 'file', dir: 'fixtures' },
      rowCount: 2,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      schemaHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      changes: { added: 2, removed: 0, changed: 0 },
      rowsRetained: true,
    });
    expect(Date.parse(versions[0]?.publishedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('makes the new version visible at once where it ran, and purges Workers Cache by tag', async () => {
    const purged: CachePurgeOptions[] = [];
    const cache = {
      purge: async (options: CachePurgeOptions) => {
        purged.push(options);
        return { success: true, errors: [] };
      },
    };
    const client = adminClient({
      datasets: [datasetNamed('fresh')],
      executionCtx: { waitUntil: () => {}, passThroughOnException: () => {}, cache } as never,
    });
    await client.put('fresh', { rows: items(2) });
    expect(purged).toEqual([{ tags: ['assay:fresh', 'assay:catalogue'] }]);
    // The head is now cached in this isolate for a few seconds…
    expect((await latest(client, 'fresh')).version).toBe(1);
    expect((await client.put('fresh', { rows: items(3) })).status).toBe(201);
    // …and the publish made it forget, so the same isolate serves the new version at once.
    expect((await latest(client, 'fresh')).version).toBe(2);
    expect((await client.put('fresh', { rows: items(3) })).status).toBe(200);
    expect(purged).toHaveLength(2);
  });

  it('takes the rows a GET serves back as unchanged, never as a 422', async () => {
    const client = clientFor('roundtrip');
    const rows = [...items(4), { id: 99, name: 'quote " and, comma\nnewline', share: 0.125, active: false }];
    await client.put('roundtrip', { rows });
    const served = await (await client.request('/v1/datasets/roundtrip')).json<{ data: unknown[] }>();
    const back = await client.put('roundtrip', { rows: served.data });
    expect(back.status).toBe(200);
    expect(await back.json()).toEqual({ unchanged: true, version: 1 });
    // Key order is the schema's, whatever order a client sends.
    const reordered = served.data.map((row) => Object.fromEntries(Object.entries(row as object).reverse()));
    expect((await client.put('roundtrip', { rows: reordered })).status).toBe(200);
  });

  it('answers 422 with every problem, naming both rows of a repeated key, and publishes nothing', async () => {
    const client = clientFor('invalid');
    const rows = [
      ...items(3),
      { id: 7, name: null, share: 'lots', active: true },
      { ...items(1)[0], name: 'again' },
      { ...items(6)[5], colour: 'red' },
      'not a row',
    ];
    const body = await expectProblem<Problem>(
      await client.put('invalid', { rows }),
      422,
      /5 problems in 4 rows/,
    );
    expect(body.problems?.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 3, column: 'name' },
      { row: 3, column: 'share' },
      { row: 4, column: 'id' },
      { row: 5, column: 'colour' },
      { row: 6, column: null },
    ]);
    expect(body.problems?.[1]?.value).toBe('lots');
    expect(body.problems?.[2]?.message).toMatch(/rows\[0\] and rows\[4\]/);
    expect(body.problems?.[3]?.message).toMatch(/unknown column "colour"/);
    await expectProblem<Problem>(await client.request('/v1/datasets/invalid'), 404);
  });

  it('stops checking once the problems it reports are capped (a million empty rows)', async () => {
    const client = clientFor('empties');
    const rows = Array.from({ length: 1_000_000 }, () => ({}));
    const body = await expectProblem<Problem>(
      await client.put('empties', { rows }),
      422,
      /checking stopped at the first 10000/,
    );
    // Four columns to fill in each row: the cap is met on row 2,499, and no row after it is looked at.
    expect(body.problems).toHaveLength(10_000);
    expect(body.problems?.at(-1)?.row).toBe(2_499);
  }, 30_000);

  it('lets public reads through while it checks a large publish', async () => {
    const client = clientFor('busy');
    // Valid rows but for a repeated key at the end: all the time goes to checking them, none to storage.
    const rows = [...items(40_000), items(1)[0]];
    const { answered, result } = await readsAnsweredDuring(
      client,
      Promise.resolve(client.put('busy', { rows })),
    );
    await expectProblem<Problem>(result, 422, /1 problem in 1 row/);
    // Checking takes turns every 2,000 rows; one long loop would let only the first read through.
    expect(answered).toBeGreaterThanOrEqual(5);
  });

  it('answers deeply nested JSON with a problem, never a 500, echoing no nested value', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const put = (body: string) =>
      exports.default.fetch('http://assay.test/admin/v1/datasets/production', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body,
      });
    const cases: [string, number][] = [
      [`{"rows":${deep}}`, 422],
      [`{"rows":[${deep}]}`, 422],
      [`{"rows":[{"country":${deep},"year":2024,"share":1,"source":"x"}]}`, 422],
      [`{"rows":[{"country":"China","year":2024,"share":1,"source":"x","extra":${deep}}]}`, 422],
      [`{"rows":[],"source":{"nested":${deep}}}`, 400],
    ];
    for (const [body, status] of cases) {
      const problem = await expectProblem<Problem>(await put(body), status);
      for (const { value } of problem.problems ?? []) expect(value).toBeNull();
    }
    const body = await expectProblem<Problem>(await put(`{"rows":[${deep}, "${'x'.repeat(1000)}"]}`), 422);
    expect(body.problems).toEqual([
      { row: 0, column: null, message: 'expected an object keyed by column id, got an array', value: null },
      {
        row: 1,
        column: null,
        message: 'expected an object keyed by column id',
        value: `${'x'.repeat(200)}… (1000 characters)`,
      },
    ]);
  });

  it('answers 422 for a row too long to keep, before anything is written', async () => {
    const client = clientFor('oversized');
    const rows = [...items(2), { id: 9, name: 'x'.repeat(600 * 1024), share: null, active: true }];
    const body = await expectProblem<Problem>(await client.put('oversized', { rows }), 422, /too large/);
    expect(body.problems).toEqual([
      { row: 2, column: null, message: expect.stringMatching(/at most 524288/), value: null },
    ]);
    await expectProblem<Problem>(await client.request('/v1/datasets/oversized'), 404);
    expect((await client.put('oversized', { rows: items(2) })).status).toBe(201);
  });

  it('answers 409 when baseVersion is not the head, and accepts the head', async () => {
    const client = clientFor('base');
    expect((await client.put('base', { rows: items(2), baseVersion: 0 })).status).toBe(201);
    expect((await client.put('base', { rows: items(3), baseVersion: 1 })).status).toBe(201);
    const stale = await expectProblem<Problem>(
      await client.put('base', { rows: items(4), baseVersion: 1 }),
      409,
    );
    expect(stale.detail).toMatch(/baseVersion 1 is not the current version of "base", which is 2/);
    await expectProblem<Problem>(await client.put('base', { rows: items(4), baseVersion: 7 }), 409);
    // 0 says "edited from nothing": a dataset with a version must refuse it, not treat it as absent.
    const fromNothing = await expectProblem<Problem>(
      await client.put('base', { rows: items(5), baseVersion: 0 }),
      409,
    );
    expect(fromNothing.detail).toMatch(/baseVersion 0 is not the current version of "base", which is 2/);
    expect((await client.put('base', { rows: items(4), baseVersion: 2 })).status).toBe(201);
    expect((await latest(client, 'base')).data).toEqual(items(4));
  });

  it('answers 409 past the shrink guard, saying how many rows would go, until forced', async () => {
    const client = adminClient({
      datasets: [datasetNamed('shrink'), datasetNamed('strict', { shrinkGuard: 0.1 })],
    });
    await client.put('shrink', { rows: items(10) });
    expect((await client.put('shrink', { rows: items(5) })).status).toBe(201);
    const refused = await expectProblem<Problem>(await client.put('shrink', { rows: items(2) }), 409);
    expect(refused.detail).toMatch(/remove 3 of the 5 rows of "shrink" \(60%\).*"force": true/);
    // Replacing every row is removing them all, even when the count stays.
    await expectProblem<Problem>(
      await client.put('shrink', { rows: items(5, 100) }),
      409,
      /remove 5 of the 5/,
    );
    const forced = await client.put('shrink', { rows: items(2), force: true });
    expect(await forced.json()).toEqual({ version: 3, changes: { added: 0, removed: 3, changed: 0 } });

    await client.put('strict', { rows: items(10) });
    await expectProblem<Problem>(await client.put('strict', { rows: items(8) }), 409, /at most 10%/);
    expect((await client.put('strict', { rows: items(9) })).status).toBe(201);
  });

  it('answers 404 for an unknown or malformed dataset id', async () => {
    const client = clientFor('known');
    await expectProblem<Problem>(await client.put('unknown', { rows: [] }), 404, /no dataset "unknown"/);
    await expectProblem<Problem>(await client.put('Not_An_Id', { rows: [] }), 404);
  });

  it('answers 415 for a body that is not JSON and 400 for malformed JSON or the wrong shape', async () => {
    const client = clientFor('shape');
    // As bytes, so that no Content-Type is implied when none is given.
    const put = (body: string, type?: string) =>
      client.request('/admin/v1/datasets/shape', {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, ...(type && { 'content-type': type }) },
        body: new TextEncoder().encode(body),
      });
    await expectProblem<Problem>(
      await put('rows=1', 'application/x-www-form-urlencoded'),
      415,
      /application\/json/,
    );
    await expectProblem<Problem>(await put('{"rows":[]}', 'text/plain'), 415);
    await expectProblem<Problem>(await put('{"rows":[]}'), 415, /no Content-Type/);
    await expectProblem<Problem>(await put('{"rows": [', 'application/json'), 400, /not valid JSON/);
    await expectProblem<Problem>(await put('', 'application/json'), 400, /not valid JSON/);
    const quoted = await put('{"rows": [], "note": "hunter2" oops}', 'application/json');
    expect(quoted.status).toBe(400);
    const detail = (await quoted.json<{ detail: string }>()).detail;
    expect(detail).toMatch(/^The body is not valid JSON \(it breaks at character \d+\)\.$/);
    await expectProblem<Problem>(await put('{"rows": 5}', 'application/json'), 400, /rows/);
    await expectProblem<Problem>(await put('[1, 2]', 'application/json'), 400);
    for (const [body, detail] of [
      ['{"rows": [], "baseVersion": -1}', 'baseVersion must be a whole number of at least 0'],
      ['{"rows": [], "baseVersion": 1.5}', 'baseVersion must be a whole number of at least 0'],
      ['{"rows": [], "baseVersion": "3"}', 'baseVersion must be a whole number of at least 0'],
      ['{"rows": [], "force": "yes"}', 'force must be true or false.'],
      ['{"rows": {}}', 'rows must be an array of row objects.'],
      ['{"rows": [], "source": "sheet"}', 'source must be an object of details, like'],
      ['[]', 'The request body must be a JSON object with rows, source, baseVersion, force.'],
      ['{"rows": [], "baseVersion": 9007199254740992}', 'baseVersion is larger than any version can be'],
    ] as [string, string][]) {
      const problem = await expectProblem<Problem>(await put(body, 'application/json'), 400);
      expect(problem.detail.slice(0, detail.length), body).toBe(detail);
    }
    const bigSource = JSON.stringify({ rows: [], source: { note: 'x'.repeat(5000) } });
    await expectProblem<Problem>(await put(bigSource, 'application/json; charset=utf-8'), 400, /source/);
    // 2,000 characters, but 6,000 bytes: the limit is in bytes.
    const wideSource = JSON.stringify({ rows: [], source: { note: '稀'.repeat(2000) } });
    await expectProblem<Problem>(await put(wideSource, 'application/json'), 400, /source.*4096 bytes/);
    expect((await put('{"rows": []}', 'application/json; charset=utf-8')).status).toBe(201);
    const queried = await client.request('/admin/v1/datasets/shape?force=true', {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: '{"rows": []}',
    });
    const refused = await expectProblem<Problem>(queried, 400, /takes no query parameters; remove "force"/);
    expect(refused.parameter).toBe('force');
    const latin1 = await client.request('/admin/v1/datasets/shape', {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: Uint8Array.from(
        [...'{"rows":[],"source":{"note":"caf'].map((c) => c.charCodeAt(0)).concat(0xe9, 0x22, 0x7d, 0x7d),
      ),
    });
    await expectProblem<Problem>(
      latin1,
      400,
      /^The body is not UTF-8 text: send the JSON encoded as UTF-8\.$/,
    );
  });

  it('refuses a body member it does not know, naming it, rather than dropping the check it meant', async () => {
    const client = clientFor('members');
    const misspelt = await expectProblem<Problem>(
      await client.put('members', { rows: items(2), basVersion: 0 }),
      400,
      /unknown member "basVersion"; the members are rows, source, baseVersion, force/,
    );
    expect(misspelt.pointer).toBe('/basVersion');
    const long = await client.put('members', { rows: items(2), ['k'.repeat(32_000)]: true });
    expect(long.status).toBe(400);
    expect((await long.text()).length).toBeLessThan(2_000);
    const longColumn = await client.put('members', { rows: [{ ...items(1)[0], ['c'.repeat(32_000)]: 1 }] });
    expect(longColumn.status).toBe(422);
    expect((await longColumn.text()).length).toBeLessThan(2_000);
    const odd = await expectProblem<Problem>(
      await client.put('members', { rows: items(2), 'a/b~c': true }),
      400,
    );
    expect(odd.pointer).toBe('/a~1b~0c');
    await expectProblem<Problem>(
      await client.put('members', { rows: items(2), froce: true }),
      400,
      /"froce"/,
    );
    // JSON.parse makes "__proto__" an own member, which copying an object drops silently.
    const raw = (body: string) =>
      client.request('/admin/v1/datasets/members', {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body,
      });
    const rows = JSON.stringify(items(2));
    const proto = await expectProblem<Problem>(
      await raw(`{"rows":${rows},"source":{"kind":"file","__proto__":{"tab":"x"}}}`),
      400,
      /source may not have a member named "__proto__"/,
    );
    expect(proto.pointer).toBe('/source/__proto__');
    await expectProblem<Problem>(
      await raw(`{"rows":${rows},"__proto__":{"force":true}}`),
      400,
      /"__proto__"/,
    );
    await expectProblem<Problem>(await client.request('/v1/datasets/members'), 404);
    expect((await client.put('members', { rows: items(4) })).status).toBe(201);
    await expectProblem<Problem>(
      await client.rollback('members', { version: 1, froce: true }),
      400,
      /unknown member "froce"; the members are version, force/,
    );
    expect((await latest(client, 'members')).version).toBe(1);
  });

  it('answers 413 past MAX_BODY_BYTES, declared or streamed', async () => {
    const client = adminClient({ datasets: [datasetNamed('limit')], vars: { MAX_BODY_BYTES: '200' } });
    const body = JSON.stringify({ rows: items(10) });
    expect(body.length).toBeGreaterThan(200);
    await expectProblem<Problem>(await client.put('limit', { rows: items(10) }), 413, /200 bytes/);
    const streamed = await client.request('/admin/v1/datasets/limit', {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    await expectProblem<Problem>(streamed, 413);
    expect((await client.put('limit', { rows: items(1) })).status).toBe(201);
  });

  it('is listed in the OpenAPI document with its bearer scheme', async () => {
    const doc = await (await clientFor('doc').request('/openapi.json')).json<{
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: {
        securitySchemes?: Record<string, unknown>;
        schemas?: Record<string, { properties?: Record<string, unknown> }>;
      };
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/admin/v1/datasets/{id}',
        '/admin/v1/datasets/{id}/rollback',
        '/v1/datasets/{id}/versions/{n}/changes',
      ]),
    );
    expect(doc.paths['/admin/v1/datasets/{id}']?.put?.security).toEqual([
      { adminToken: [] },
      { publishToken: [] },
    ]);
    expect(doc.components.securitySchemes?.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    // A publish's answer and the stored diff count changes with one schema.
    const counts = { $ref: '#/components/schemas/ChangeCounts' };
    expect(doc.components.schemas?.Published?.properties?.changes).toEqual(counts);
    expect(doc.components.schemas?.Changes?.properties?.counts).toEqual(counts);
  });
});

describe('GET /v1/datasets/:id/versions/:n/changes', () => {
  it('serves the stored diff, immutable, with an ETag that answers 304', async () => {
    const client = clientFor('changes');
    await client.put('changes', { rows: items(3) });
    const edited = [{ ...items(1)[0], name: 'zero' }, ...items(4).slice(2)];
    await client.put('changes', { rows: edited });

    const first = await client.request('/v1/datasets/changes/versions/1/changes');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      version: 1,
      previousVersion: null,
      counts: { added: 3, removed: 0, changed: 0 },
      added: items(3),
      removed: [],
      changed: [],
    });

    const second = await client.request('/v1/datasets/changes/versions/2/changes');
    expect(second.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(second.headers.get('cache-tag')).toBe('assay,assay:changes');
    expect(second.headers.get('access-control-allow-origin')).toBe('*');
    const etag = second.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"v2-/);
    expect(await second.json()).toEqual({
      dataset: 'changes',
      version: 2,
      previousVersion: 1,
      key: ['id'],
      counts: { added: 1, removed: 1, changed: 1 },
      complete: true,
      added: [items(4)[3]],
      removed: [items(2)[1]],
      changed: [{ key: { id: 0 }, before: items(1)[0], after: edited[0] }],
    });
    const again = await client.request('/v1/datasets/changes/versions/2/changes', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);

    await expectProblem<Problem>(
      await client.request('/v1/datasets/changes/versions/3/changes'),
      404,
      /latest is 2/,
    );
    await expectProblem<Problem>(await client.request('/v1/datasets/changes/versions/0/changes'), 404);
    await expectProblem<Problem>(await client.request('/v1/datasets/nope/versions/1/changes'), 404);
  });
});

describe('POST /admin/v1/datasets/:id/rollback', () => {
  it('publishes an earlier version again as a new version that records rolledBackFrom', async () => {
    const client = clientFor('rollback');
    await client.put('rollback', { rows: items(4) });
    await client.put('rollback', { rows: items(6) });
    const res = await client.rollback('rollback', { version: 1 });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      version: 3,
      rolledBackFrom: 1,
      changes: { added: 0, removed: 2, changed: 0 },
    });
    const latest = await (await client.request('/v1/datasets/rollback')).json<{
      version: number;
      data: unknown[];
    }>();
    expect(latest).toMatchObject({ version: 3, data: items(4) });
    const { versions } = await (await client.request('/v1/datasets/rollback/versions')).json<{
      versions: VersionSummary[];
    }>();
    expect(versions.map((v) => [v.version, v.rolledBackFrom])).toEqual([
      [3, 1],
      [2, undefined],
      [1, undefined],
    ]);
    expect(versions[0]?.contentHash).toBe(versions[2]?.contentHash);

    const same = await client.rollback('rollback', { version: 1 });
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ unchanged: true, version: 3 });
  });

  it('reads the version back a page at a time, checks it, and publishes nothing if a page is gone', async () => {
    const id = 'rollback-pages';
    const client = clientFor(id);
    await client.put(id, { rows: items(6_000) });
    await client.put(id, { rows: items(5_990) });
    const meta = JSON.parse((await client.store.getText(keys.versionMeta(id, 1))) ?? '{}') as VersionMeta;
    expect(meta.pageStarts.length).toBeGreaterThan(2);

    const rolled = await client.rollback(id, { version: 1 });
    expect(await rolled.json()).toEqual({
      version: 3,
      rolledBackFrom: 1,
      changes: { added: 10, removed: 0, changed: 0 },
    });
    const latest = await (await client.request(`/v1/datasets/${id}`)).json<{ data: unknown[] }>();
    expect(latest.data).toEqual(items(6_000));

    // The schema moved on: names are now at most 6 characters, so "item 10" and later no longer fit.
    const stricter = datasetNamed(id, { schema: testDataset.schema.extend({ name: z.string().max(6) }) });
    const refused = await adminClient({ datasets: [stricter] }).rollback(id, { version: 2 });
    const body = await expectProblem<Problem & { problems: { row: number; column: string }[] }>(
      refused,
      422,
      /^The rows of version 2 no longer meet the schema of "rollback-pages": 5980 problems in 5980 rows; nothing was published\./,
    );
    expect(body.problems[0]).toMatchObject({ row: 10, column: 'name' });

    // A page gone part way (here the middle one): storage's failure, and version 3 stays.
    await client.store.delete(keys.page(id, 2, 1));
    await expectProblem<Problem>(
      await adminClient({ datasets: [datasetNamed(id)] }).rollback(id, { version: 2 }),
      503,
      /^The rows of version 2 of "rollback-pages" could not be read from storage; nothing was published\. Try again shortly\.$/,
    );
    expect((await (await client.request(`/v1/datasets/${id}`)).json<{ version: number }>()).version).toBe(3);
    expect((await client.put(id, { rows: items(6_001) })).status).toBe(201);
  });

  it('words a shrink-guard refusal for the rollback, and passes with force', async () => {
    const client = clientFor('rollback-shrink');
    await client.put('rollback-shrink', { rows: items(1) });
    await client.put('rollback-shrink', { rows: items(10) });
    await expectProblem<Problem>(
      await client.rollback('rollback-shrink', { version: 1 }),
      409,
      /^Rolling back to version 1 would remove 9 of the 10 rows of "rollback-shrink" \(90%\); .* If those rows should go, send "force": true with the rollback\.$/,
    );
    expect((await client.rollback('rollback-shrink', { version: 1, force: true })).status).toBe(201);
  });

  it('answers 404 for a version that never was, and for a dataset with none', async () => {
    const client = clientFor('rollback-missing', 'rollback-empty');
    await client.put('rollback-missing', { rows: items(2) });
    await expectProblem<Problem>(
      await client.rollback('rollback-missing', { version: 9 }),
      404,
      /no version 9; the latest is 1/,
    );
    await expectProblem<Problem>(
      await client.rollback('rollback-empty', { version: 1 }),
      404,
      /no published version/,
    );
    await expectProblem<Problem>(await client.rollback('nope', { version: 1 }), 404, /no dataset/);
    await expectProblem<Problem>(await client.rollback('rollback-missing', { version: 0 }), 400, /version/);
    await expectProblem<Problem>(await client.rollback('rollback-missing', {}), 400, /version/);
  });

  it('is guarded by the token and JSON like a publish', async () => {
    const client = clientFor('rollback-auth');
    const res = await client.request('/admin/v1/datasets/rollback-auth/rollback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"version":1}',
    });
    await expectProblem<Problem>(res, 401);
    await expectProblem<Problem>(
      await client.rollback('rollback-auth', 'x', { 'content-type': 'text/plain' }),
      415,
    );
  });
});

describe('the admin paths', () => {
  it('answer a wrong method with 405 and the one method they allow, token or not, body or not', async () => {
    const client = clientFor('methods');
    const cases = [
      ['GET', '/admin/v1/datasets/methods', 'PUT'],
      ['POST', '/admin/v1/datasets/methods', 'PUT'],
      ['DELETE', '/admin/v1/datasets/methods', 'PUT'],
      ['PATCH', '/admin/v1/datasets/methods', 'PUT'],
      ['GET', '/admin/v1/datasets/methods/rollback', 'POST'],
      ['PUT', '/admin/v1/datasets/methods/rollback', 'POST'],
    ] as const;
    for (const [method, path, allowed] of cases) {
      for (const authorization of [`Bearer ${adminToken}`, undefined]) {
        const res = await client.request(path, {
          method,
          headers: { 'content-type': 'text/plain', ...(authorization && { authorization }) },
          ...(method !== 'GET' && { body: 'not json' }),
        });
        const body = await expectProblem<Problem>(res, 405);
        expect(res.headers.get('allow'), `${method} ${path}`).toBe(allowed);
        expect(body.detail).toContain(`use ${allowed}`);
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    }
  });

  it('answer a path that is not theirs with 404', async () => {
    const client = clientFor('paths');
    for (const path of [
      '/admin/v1/datasets',
      '/admin/v1/datasets/paths/versions',
      '/admin/v2/datasets/paths',
    ]) {
      await expectProblem<Problem>(await client.request(path, { method: 'PUT' }), 404);
    }
  });

  it('reach a DatasetWriter, one per dataset id, through the binding the Worker declares', async () => {
    const one = env.DATASET_WRITER.getByName('binding');
    expect(await runInDurableObject(one, (instance) => instance instanceof DatasetWriter)).toBe(true);
    expect(one.id.equals(env.DATASET_WRITER.getByName('binding').id)).toBe(true);
    expect(one.id.equals(env.DATASET_WRITER.getByName('other').id)).toBe(false);
  });
});
