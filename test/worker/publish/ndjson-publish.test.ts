import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../../src/datasets/types.ts';
import { keys } from '../../../src/store/keys.ts';
import type { Head } from '../../../src/store/records.ts';
import { items } from '../support/test-dataset.ts';
import { adminClient, datasetNamed } from './admin-client.ts';

interface Problem {
  status: number;
  detail: string;
  line?: number;
  problems?: { row: number; column: string | null; message: string; value: unknown }[];
}

/** The options line, then a row a line, each as JSON. */
const ndjson = (options: object, rows: readonly unknown[]) =>
  `${[options, ...rows].map((value) => JSON.stringify(value)).join('\n')}\n`;

/** A body cut into chunks of `size` bytes, so lines and UTF-8 sequences straddle chunks. */
function chunked(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

function clientFor(id: string, vars?: Record<string, string>) {
  return adminClient({ datasets: [datasetNamed(id)], ...(vars && { vars }) });
}

async function expectProblem(res: Response, status: number, detail?: RegExp): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = await res.json<Problem>();
  if (detail) expect(body.detail).toMatch(detail);
  return body;
}

async function served(client: ReturnType<typeof adminClient>, id: string) {
  return (await client.request(`/v1/datasets/${id}`)).json<{ version: number; data: Row[] }>();
}

const head = async (id: string) =>
  JSON.parse((await adminClient().store.getText(keys.head(id))) ?? 'null') as Head | null;

describe('PUT /admin/v1/datasets/:id with application/x-ndjson', () => {
  it('publishes rows read line by line as 201 with changes, then the same rows as 200 unchanged', async () => {
    const client = clientFor('stream');
    const rows = [...items(30), { id: 99, name: 'Zürich 稀土 ☃', share: 12.5, active: false }];
    const res = await client.putNdjson('stream', chunked(ndjson({ source: { kind: 'test' } }, rows), 7));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/datasets/stream/versions/1');
    expect(await res.json()).toEqual({ version: 1, changes: { added: 31, removed: 0, changed: 0 } });
    expect(await served(client, 'stream')).toMatchObject({ version: 1, data: rows });
    expect((await head('stream'))?.source).toEqual({ kind: 'test' });

    const again = await client.putNdjson('stream', ndjson({}, rows));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ unchanged: true, version: 1 });
    // Windows line ends and no final newline are taken too.
    const crlf = ndjson({}, items(31)).trimEnd().replaceAll('\n', '\r\n');
    expect(await (await client.putNdjson('stream', crlf)).json()).toEqual({
      version: 2,
      changes: { added: 1, removed: 1, changed: 0 },
    });
  });

  it('answers 422 for invalid rows mid-stream, naming row and column, and leaves no page behind', async () => {
    const client = clientFor('stream-invalid');
    await client.putNdjson('stream-invalid', ndjson({}, items(5)));
    const rows = [...items(20), { id: 'x', name: 'bad', share: null, active: true }, ...items(20, 100)];
    const body = await expectProblem(
      await client.putNdjson('stream-invalid', ndjson({}, rows)),
      422,
      /do not meet its schema: 1 problem in 1 row/,
    );
    expect(body.problems?.map(({ row, column }) => ({ row, column }))).toEqual([{ row: 20, column: 'id' }]);
    expect(await served(client, 'stream-invalid')).toMatchObject({ version: 1, data: items(5) });
    expect(await client.store.list(keys.versionPrefix('stream-invalid', 2))).toEqual([]);

    // A repeated key is found by the writer, which names both rows as the JSON form does.
    const repeated = await expectProblem(
      await client.putNdjson('stream-invalid', ndjson({}, [...items(3), { ...items(1)[0], name: 'again' }])),
      422,
    );
    expect(repeated.problems).toEqual([
      {
        row: 3,
        column: 'id',
        message: expect.stringMatching(/rows\[0\] and rows\[3\] both have id 0/),
        value: 0,
      },
    ]);

    // The next publish takes version 2, and only its own keys are under it.
    expect((await client.putNdjson('stream-invalid', ndjson({}, items(6)))).status).toBe(201);
    const meta = await head('stream-invalid');
    const pages = (meta?.pageStarts ?? []).map((_, i) => keys.page('stream-invalid', 2, i));
    expect((await client.store.list(keys.versionPrefix('stream-invalid', 2))).sort()).toEqual(
      [...pages, keys.versionMeta('stream-invalid', 2), keys.changes('stream-invalid', 2)].sort(),
    );
  });

  it('answers 413 past MAX_PUBLISH_ROWS, naming it, and takes exactly that many', async () => {
    const client = clientFor('stream-rows', { MAX_PUBLISH_ROWS: '10' });
    await expectProblem(
      await client.putNdjson('stream-rows', ndjson({}, items(11))),
      413,
      /More than 10 rows were sent, the most one publish may have \(MAX_PUBLISH_ROWS\)/,
    );
    expect((await client.request('/v1/datasets/stream-rows')).status).toBe(404);
    expect((await client.putNdjson('stream-rows', ndjson({}, items(10)))).status).toBe(201);
    // The whole-body form keeps its byte limit instead.
    expect((await client.put('stream-rows', { rows: items(11) })).status).toBe(201);
  });

  it('answers 413 for a line too long, naming the line, without reading it whole', async () => {
    const client = clientFor('stream-long');
    const long = { id: 1, name: 'x'.repeat(1024 * 1024), share: null, active: true };
    const body = await expectProblem(
      await client.putNdjson('stream-long', ndjson({}, [...items(2), long])),
      413,
      /^Line 4 is longer than the 1048576 bytes a line may have/,
    );
    expect(body.line).toBe(4);
    expect((await client.request('/v1/datasets/stream-long')).status).toBe(404);
  });

  it('answers 400 for a bad options line or a line that is not JSON, naming the line', async () => {
    const client = clientFor('stream-bad');
    const cases: [string, RegExp][] = [
      ['', /The body is empty; line 1 holds the options/],
      ['rows please\n{"id":1}\n', /^Line 1 is not valid JSON; line 1 holds the options/],
      [
        '{"froce":true}\n',
        /^Line 1 \(the options\): unknown member "froce"; the members are source, baseVersion, force/,
      ],
      [
        '{"baseVersion":-1}\n',
        /^Line 1 \(the options\): baseVersion: baseVersion must be a whole number of at least 0/,
      ],
      ['[]\n', /^Line 1 \(the options\): The request body must be a JSON object/],
      [
        `{}\n${JSON.stringify(items(1)[0])}\n{"id": 2,\n`,
        /^Line 3 is not valid JSON \(it breaks at character 10\); each line after the first is one row object/,
      ],
      [`{}\n${JSON.stringify(items(1)[0])}\n\n`, /^Line 3 is not valid JSON/],
    ];
    for (const [body, detail] of cases)
      await expectProblem(await client.putNdjson('stream-bad', body), 400, detail);
    expect((await client.request('/v1/datasets/stream-bad')).status).toBe(404);
  });

  it('answers 409 for a stale baseVersion and past the shrink guard, as the JSON form does', async () => {
    const client = clientFor('stream-conflict');
    await client.putNdjson('stream-conflict', ndjson({}, items(10)));
    const stale = await expectProblem(
      await client.putNdjson('stream-conflict', ndjson({ baseVersion: 0 }, items(11))),
      409,
      /baseVersion 0 is not the current version of "stream-conflict", which is 1/,
    );
    expect(stale).toMatchObject({ currentVersion: 1 });
    const shrink = await expectProblem(
      await client.putNdjson('stream-conflict', ndjson({ baseVersion: 1 }, items(2))),
      409,
      /would remove 8 of the 10 rows/,
    );
    expect(shrink).toMatchObject({ removing: 8, rows: 10 });
    expect(await client.store.list(keys.versionPrefix('stream-conflict', 2))).toEqual([]);
    const forced = await client.putNdjson(
      'stream-conflict',
      ndjson({ baseVersion: 1, force: true }, items(2)),
    );
    expect(await forced.json()).toEqual({ version: 2, changes: { added: 0, removed: 8, changed: 0 } });
  });
});

// Rows of the test dataset with few ids and names, so versions share, change and drop rows.
const rowArb = fc.record({
  id: fc.integer({ min: 0, max: 30 }),
  name: fc.oneof(fc.constantFrom('a', 'b', 'Zürich', '稀土'), fc.string({ maxLength: 20 })),
  share: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
  active: fc.boolean(),
});
const rowsArb = fc.uniqueArray(rowArb, { selector: (row) => row.id, maxLength: 40 });

describe('the same rows by JSON and by NDJSON', () => {
  it('make the same version: content, content hash, pages and changes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(rowsArb, rowsArb, async (first, second) => {
        run++;
        const [viaJson, viaNdjson] = [`prop-json-${run}`, `prop-ndjson-${run}`];
        const client = adminClient({ datasets: [datasetNamed(viaJson), datasetNamed(viaNdjson)] });
        for (const rows of [first, second]) {
          const json = await client.put(viaJson, { rows, force: true });
          const streamed = await client.putNdjson(viaNdjson, ndjson({ force: true }, rows));
          expect(streamed.status).toBe(json.status);
          expect(await streamed.json()).toEqual(await json.json());
        }
        const [a, b] = [await head(viaJson), await head(viaNdjson)];
        expect(b).toMatchObject({
          version: a?.version,
          contentHash: a?.contentHash,
          pageStarts: a?.pageStarts,
          pageBytes: a?.pageBytes,
          changes: a?.changes,
        });
        // The stored diffs are the same text but for the dataset's id.
        const stored = async (id: string) =>
          (await client.store.getText(keys.changes(id, a?.version ?? 0)))?.replace(`"dataset":"${id}"`, '');
        expect(await stored(viaNdjson)).toBe(await stored(viaJson));
        expect((await served(client, viaNdjson)).data).toEqual((await served(client, viaJson)).data);
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
