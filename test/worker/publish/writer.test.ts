import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.tsx';
import type { DatasetDefinition, Row } from '../../../src/datasets/types.ts';
import { type PublishRequest, publishRequest } from '../../../src/publish/publish-request.ts';
import { publish, type WriterDeps } from '../../../src/publish/publisher.ts';
import { sqlHistory } from '../../../src/publish/sql-history.ts';
import { keys } from '../../../src/store/keys.ts';
import { type KvStore, kvStore } from '../../../src/store/kv.ts';
import {
  downloadOperations,
  expectedPageCount,
  fixedPageSizing,
  pruneOperations,
  publishOperations,
} from '../../../src/store/page-layout.ts';
import { createReaderCaches } from '../../../src/store/reader.ts';
import type { Head, VersionSummary } from '../../../src/store/records.ts';
import { keyedRows } from '../support/keyed-rows.ts';
import { operationCounting } from '../support/kv-operations.ts';
import { subscribe } from '../support/live-subscriber.ts';
import { items } from '../support/test-dataset.ts';
import { adminClient, datasetNamed } from './admin-client.ts';

interface Served {
  version: number;
  rowCount: number;
  data: Row[];
}

async function latest(client: ReturnType<typeof adminClient>, id: string) {
  const res = await client.request(`/v1/datasets/${id}`);
  return { status: res.status, etag: res.headers.get('etag') ?? '', body: await res.json<Served>() };
}

/** The version numbers the history lists, newest first. */
async function listedVersions(client: ReturnType<typeof adminClient>, id: string) {
  const res = await client.request(`/v1/datasets/${id}/versions`);
  return (await res.json<{ versions: VersionSummary[] }>()).versions.map((v) => v.version);
}

/** The writer's publish of these rows as the admin route would send them, under the defaults. */
async function publishRows(
  deps: WriterDeps,
  def: DatasetDefinition,
  rows: Row[],
  extra: Partial<PublishRequest> = {},
) {
  const request = { ...(await publishRequest(def, { retention: 50, publishedBy: 'direct' })), ...extra };
  return publish(deps, request, keyedRows(request, rows));
}

/** The test's KV with puts made to fail, chosen by key and by how many puts were tried before. */
function failingStore(fails: (key: string, triedBefore: number) => boolean) {
  const inner = kvStore(env.DATASETS);
  const written: string[] = [];
  let tried = 0;
  const store: KvStore = {
    ...inner,
    async put(key, value) {
      if (fails(key, tried++)) throw new Error(`injected KV failure writing ${key}`);
      await inner.put(key, value);
      written.push(key);
    },
  };
  return { store, written };
}

/** Runs the writer's publish inside the dataset's own Durable Object, on its SQLite history. */
function publishInside(def: DatasetDefinition, rows: Row[], store: KvStore, pageTarget?: number) {
  return runInDurableObject(env.DATASET_WRITER.getByName(def.id), async (_instance, state) =>
    publishRows(
      {
        store,
        history: sqlHistory(state.storage),
        ...(pageTarget !== undefined && { pageSizing: fixedPageSizing(pageTarget) }),
      },
      def,
      rows,
      { force: true },
    ),
  );
}

describe('one writer per dataset', () => {
  it('gives two concurrent publishes different versions, and the head ends on one with its own rows', async () => {
    const client = adminClient({ datasets: [datasetNamed('race')] });
    await client.put('race', { rows: items(3) });
    const a = items(5);
    const b = items(5, 1000);
    const responses = await Promise.all([
      client.put('race', { rows: a, force: true }),
      client.put('race', { rows: b, force: true }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([201, 201]);
    const [va, vb] = await Promise.all(responses.map((r) => r.json<{ version: number }>()));
    expect(new Set([va?.version, vb?.version])).toEqual(new Set([2, 3]));
    const head = await latest(client, 'race');
    expect(head.body.version).toBe(3);
    expect(head.body.data).toEqual(va?.version === 3 ? a : b);
    const v2 = await (await client.request('/v1/datasets/race/versions/2')).json<Served>();
    expect(v2.data).toEqual(va?.version === 2 ? a : b);
  });

  it('leaves the previous version served when KV fails part way, and the next publish succeeds', async () => {
    const def = datasetNamed('failing');
    const client = adminClient({ datasets: [def] });
    await client.put('failing', { rows: items(20) });
    const before = await latest(client, 'failing');

    // Small pages, so the failure lands after some pages of the new version were written.
    const pagesThenFail = failingStore((key, n) => key.includes('/v/2/page/') && n >= 3);
    await expect(publishInside(def, items(20, 500), pagesThenFail.store, 64)).rejects.toThrow(/injected/);
    expect(pagesThenFail.written.filter((key) => key.includes('/v/2/page/')).length).toBeGreaterThan(0);
    expect(pagesThenFail.written).not.toContain(keys.head('failing'));

    const after = await latest(adminClient({ datasets: [def] }), 'failing');
    expect(after).toEqual(before);
    const v2 = await client.request('/v1/datasets/failing/versions/2');
    expect(v2.status).toBe(404);

    // No head named version 2, so no reader can have had it: its number is free again.
    const next = await client.put('failing', { rows: items(20, 700), force: true });
    expect(next.status).toBe(201);
    expect(await next.json()).toEqual({ version: 2, changes: { added: 20, removed: 20, changed: 0 } });
    const now = await latest(client, 'failing');
    expect(now.body).toMatchObject({ version: 2, rowCount: 20, data: items(20, 700) });
  });

  it('finishes a version whose head write failed rather than handing its number out again', async () => {
    const def = datasetNamed('head-fails');
    const client = adminClient({ datasets: [def] });
    await client.put('head-fails', { rows: items(20) });
    const before = await latest(client, 'head-fails');
    // Pages and metadata are in; the head write fails (whether it landed somewhere cannot be known).
    const headFails = failingStore((key) => key === keys.head('head-fails'));
    await expect(publishInside(def, items(20, 500), headFails.store)).rejects.toThrow(/injected/);
    expect(headFails.written).toContain(keys.versionMeta('head-fails', 2));
    expect(await latest(adminClient({ datasets: [def] }), 'head-fails')).toEqual(before);

    // The next call writes version 2's head again, then publishes its own content as version 3.
    const next = await client.put('head-fails', { rows: items(20, 700), force: true });
    expect(await next.json()).toEqual({ version: 3, changes: { added: 20, removed: 20, changed: 0 } });
    const v2 = await (await client.request('/v1/datasets/head-fails/versions/2')).json<Served>();
    expect(v2.data).toEqual(items(20, 500));
    expect((await latest(client, 'head-fails')).body).toMatchObject({ version: 3, data: items(20, 700) });
  });

  it('tells live subscribers of a version it finishes, though the publish that finished it changed nothing', async () => {
    const def = datasetNamed('finished-live');
    const client = adminClient({ datasets: [def] });
    await client.put('finished-live', { rows: items(20) });
    const subscriber = await subscribe(client, '/v1/datasets/finished-live/live');
    expect(await subscriber.next()).toMatchObject({ version: 1 });
    const headFails = failingStore((key) => key === keys.head('finished-live'));
    await expect(publishInside(def, items(20, 500), headFails.store)).rejects.toThrow(/injected/);

    // The same rows again: the writer finishes version 2 first, and then they change nothing.
    const again = await client.put('finished-live', { rows: items(20, 500), force: true });
    expect(await again.json()).toEqual({ unchanged: true, version: 2 });
    expect(await subscriber.next()).toMatchObject({ dataset: 'finished-live', version: 2 });
  });

  it('never reissues a version whose head landed, even when KV does not show it to the writer yet', async () => {
    const def = datasetNamed('unseen');
    const client = adminClient({ datasets: [def] });
    await client.put('unseen', { rows: items(4) });
    const firstHead = await client.store.getText(keys.head('unseen'));
    // Version 2's head lands and is served; the object is reset before it is committed.
    const interrupted = runInDurableObject(
      env.DATASET_WRITER.getByName('unseen'),
      async (_instance, state) => {
        const history = sqlHistory(state.storage);
        const resetting = {
          ...history,
          commit: () => {
            throw new Error('reset before commit');
          },
        };
        return publishRows({ store: kvStore(env.DATASETS), history: resetting }, def, items(5));
      },
    );
    await expect(interrupted).rejects.toThrow(/reset before commit/);
    const served = await (await client.request('/v1/datasets/unseen/versions/2')).json<Served>();
    expect(served.data).toEqual(items(5));

    // KV is eventually consistent: where the writer runs, the head may still read as version 1.
    const inner = kvStore(env.DATASETS);
    const lagging: KvStore = {
      ...inner,
      getText: (key) => (key === keys.head('unseen') ? Promise.resolve(firstHead) : inner.getText(key)),
    };
    expect(await publishInside(def, items(6), lagging)).toMatchObject({ outcome: 'published', version: 3 });
    const v2 = await (await client.request('/v1/datasets/unseen/versions/2')).json<Served>();
    expect(v2.data).toEqual(items(5));
    // A reader that held version 2's head lists up to it; one that reads the head now lists all three.
    expect(await listedVersions(adminClient({ datasets: [def] }), 'unseen')).toEqual([3, 2, 1]);
  });

  it('keeps a version whose head was written even if a later list write fails', async () => {
    const def = datasetNamed('late-failure');
    const client = adminClient({ datasets: [def] });
    await client.put('late-failure', { rows: items(4) });
    const listFails = failingStore((key) => key === keys.historyPage('late-failure', 0));
    const result = await publishInside(def, items(5), listFails.store);
    expect(result).toMatchObject({ outcome: 'published', version: 2 });
    expect((await latest(client, 'late-failure')).body.version).toBe(2);
    // Version 2 is live, so its number is never handed out again; the next publish repairs the list.
    const next = await client.put('late-failure', { rows: items(6) });
    expect(await next.json()).toMatchObject({ version: 3 });
    expect(await listedVersions(client, 'late-failure')).toEqual([3, 2, 1]);
  });

  it('answers a sync that read a stale catalogue entry with unchanged, not 409, and mends the lists', async () => {
    const def = datasetNamed('stale-lists');
    const client = adminClient({ datasets: [def] });
    await client.put('stale-lists', { rows: items(4) });
    // The head of version 2 is written; the history list fails, so the catalogue entry is never written.
    const listFails = failingStore((key) => key === keys.historyPage('stale-lists', 0));
    expect(await publishInside(def, items(5), listFails.store)).toMatchObject({
      outcome: 'published',
      version: 2,
    });
    const stored = async (key: string) => JSON.parse((await client.store.getText(key)) ?? 'null');
    expect(await stored(keys.catalogueEntry('stale-lists'))).toMatchObject({ version: 1 });

    // The scheduled sync takes baseVersion from the catalogue; the sheet still holds version 2's rows.
    const again = await client.put('stale-lists', { rows: items(5), baseVersion: 1 });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ unchanged: true, version: 2 });
    expect(await stored(keys.catalogueEntry('stale-lists'))).toMatchObject({ version: 2, rowCount: 5 });
    const listed = (await stored(keys.historyPage('stale-lists', 0))) as VersionSummary[];
    expect(listed.map((v) => v.version)).toEqual([2, 1]);
    // Other content from a stale base is still a conflict.
    expect((await client.put('stale-lists', { rows: items(6), baseVersion: 1 })).status).toBe(409);
  });

  it('adopts a version that went live just before the writer was reset, never reusing its number', async () => {
    const def = datasetNamed('reset');
    const client = adminClient({ datasets: [def] });
    await client.put('reset', { rows: items(4) });
    // The object is reset after KV's head names version 2 and before its history records it.
    const interrupted = runInDurableObject(
      env.DATASET_WRITER.getByName('reset'),
      async (_instance, state) => {
        const history = sqlHistory(state.storage);
        const resetting = {
          ...history,
          commit: () => {
            throw new Error('reset before commit');
          },
        };
        const store = kvStore(env.DATASETS);
        return publishRows({ store, history: resetting }, def, items(5));
      },
    );
    await expect(interrupted).rejects.toThrow(/reset before commit/);
    expect((await latest(client, 'reset')).body).toMatchObject({ version: 2, data: items(5) });

    const next = await client.put('reset', { rows: items(6) });
    expect(await next.json()).toEqual({ version: 3, changes: { added: 1, removed: 0, changed: 0 } });
    const v2 = await (await client.request('/v1/datasets/reset/versions/2')).json<Served>();
    expect(v2.data).toEqual(items(5));
    expect(await listedVersions(client, 'reset')).toEqual([3, 2, 1]);
  });

  it('lets concurrent readers see only whole versions with their own ETag while 50 publishes alternate', async () => {
    const def = datasetNamed('alternate');
    const publisher = adminClient({ datasets: [def] });
    const odd = items(40);
    const even = items(40).map((row) => ({ ...row, name: `${row.name} (even)` }));
    let publishing = true;
    const published = (async () => {
      try {
        for (let i = 1; i <= 50; i++) {
          const res = await publisher.put('alternate', { rows: i % 2 === 1 ? odd : even });
          expect(res.status).toBe(201);
        }
      } finally {
        publishing = false;
      }
    })();
    const reader = async () => {
      const seen = new Set<number>();
      while (publishing) {
        // A fresh app each time: no isolate cache, every read goes to KV.
        const { status, etag, body } = await latest(adminClient({ datasets: [def] }), 'alternate');
        if (status === 404) continue;
        expect(status).toBe(200);
        expect(etag).toMatch(new RegExp(`^"v${body.version}-`));
        expect(body.rowCount).toBe(40);
        expect(body.data).toEqual(body.version % 2 === 1 ? odd : even);
        seen.add(body.version);
      }
      return seen;
    };
    const [, ...seen] = await Promise.all([published, reader(), reader(), reader()]);
    expect(new Set(seen.flatMap((s) => [...s])).size).toBeGreaterThan(5);
    expect((await latest(publisher, 'alternate')).body.version).toBe(50);
    // 50 publishes with readers in between take seconds on a busy machine: a budget, not a measure.
  }, 60_000);
});

describe('retention', () => {
  it('keeps the rows of the newest N versions; older ones answer 410 and stay listed', async () => {
    const client = adminClient({ datasets: [datasetNamed('retained')], vars: { RETENTION: '2' } });
    for (let n = 1; n <= 4; n++) await client.put('retained', { rows: items(3 + n) });

    const head = JSON.parse((await client.store.getText(keys.head('retained'))) ?? '{}') as Head;
    expect(head).toMatchObject({ version: 4, retainedFrom: 3 });
    for (const n of [1, 2]) {
      const gone = await client.request(`/v1/datasets/retained/versions/${n}`);
      expect(gone.status).toBe(410);
      expect((await gone.json<{ detail: string }>()).detail).toMatch(/no longer kept/);
      expect((await client.request(`/v1/datasets/retained/versions/${n}/changes`)).status).toBe(410);
      expect(await client.store.getBytes(keys.page('retained', n, 0))).toBeNull();
      expect(await client.store.getText(keys.changes('retained', n))).toBeNull();
      expect(await client.store.getText(keys.versionMeta('retained', n))).not.toBeNull();
    }
    expect((await client.request('/v1/datasets/retained/versions/3')).status).toBe(200);

    const { versions } = await (await client.request('/v1/datasets/retained/versions')).json<{
      versions: { version: number; rowsRetained: boolean }[];
    }>();
    expect(versions.map((v) => [v.version, v.rowsRetained])).toEqual([
      [4, true],
      [3, true],
      [2, false],
      [1, false],
    ]);

    const refused = await client.rollback('retained', { version: 1 });
    expect(refused.status).toBe(410);
    expect((await refused.json<{ detail: string }>()).detail).toBe(
      'The rows of version 1 of "retained" are no longer kept (retention); roll back to version 3 or later.',
    );
    // A retained version whose page storage lost is the store's fault: 503, not "past retention". (An
    // isolate that still holds the page in memory rolls back from it: this one holds none.)
    const page = await client.store.getBytes(keys.page('retained', 3, 0));
    expect(page).not.toBeNull();
    await client.store.delete(keys.page('retained', 3, 0));
    const lost = await adminClient({
      datasets: [datasetNamed('retained')],
      vars: { RETENTION: '2' },
    }).rollback('retained', {
      version: 3,
    });
    expect(lost.status).toBe(503);
    expect((await lost.json<{ detail: string }>()).detail).toBe(
      'The rows of version 3 of "retained" could not be read from storage; nothing was published. Try again shortly.',
    );
    await client.store.put(keys.page('retained', 3, 0), page as ArrayBuffer);
    const rolled = await client.rollback('retained', { version: 3 });
    expect(await rolled.json()).toMatchObject({ version: 5, rolledBackFrom: 3 });
    expect((await latest(client, 'retained')).body.data).toEqual(items(6));
    expect((await client.request('/v1/datasets/retained/versions/3')).status).toBe(410);
  });
});

describe('a history that scales', () => {
  it('writes one history page per publish, whatever the number of versions, and serves it in pages', async () => {
    const def = datasetNamed('long-history');
    const inner = kvStore(env.DATASETS);
    const written: string[] = [];
    const store: KvStore = {
      ...inner,
      put(key, value) {
        written.push(key);
        return inner.put(key, value);
      },
    };
    await runInDurableObject(env.DATASET_WRITER.getByName(def.id), async (_instance, state) => {
      const history = sqlHistory(state.storage);
      for (let i = 1; i <= 105; i++) {
        written.length = 0;
        await publishRows({ store, history }, def, items(1, i), { force: true });
      }
    });
    // The 105th publish rewrote the page of versions 101–105 alone, not the 100 versions before.
    expect(written.filter((key) => key.includes('/history'))).toEqual([keys.historyPage(def.id, 1)]);
    const stored = JSON.parse((await inner.getText(keys.historyPage(def.id, 1))) ?? '[]') as VersionSummary[];
    expect(stored.map((v) => v.version)).toEqual([105, 104, 103, 102, 101]);

    const client = adminClient({ datasets: [def] });
    const first = await client.request('/v1/datasets/long-history/versions?limit=60');
    const firstBody = await first.json<{ versions: VersionSummary[]; links: { next?: string } }>();
    expect(firstBody.versions.map((v) => v.version)).toEqual(Array.from({ length: 60 }, (_, i) => 105 - i));
    expect(firstBody.links.next).toBe('/v1/datasets/long-history/versions?limit=60&before=46');
    expect(first.headers.get('link')).toBe(
      '</v1/datasets/long-history/versions?limit=60&before=46>; rel="next"',
    );
    const second = await client.request(firstBody.links.next ?? '');
    const secondBody = await second.json<{ versions: VersionSummary[]; links: { next?: string } }>();
    expect(secondBody.versions.map((v) => v.version)).toEqual(Array.from({ length: 45 }, (_, i) => 45 - i));
    expect(secondBody.links).toEqual({});
    expect(second.headers.get('link')).toBeNull();
  }, 60_000);

  it('costs a publish its pages and five keys, plus a list and the deletes of the version it prunes', async () => {
    const def = datasetNamed('operations');
    const { store, count } = operationCounting(kvStore(env.DATASETS));
    const pagesOf = async (version: number) =>
      (JSON.parse((await kvStore(env.DATASETS).getText(keys.versionMeta(def.id, version))) ?? '{}') as Head)
        .pageStarts.length;
    const costs = await runInDurableObject(env.DATASET_WRITER.getByName(def.id), async (_instance, state) => {
      const history = sqlHistory(state.storage);
      const spent: number[] = [];
      for (let i = 1; i <= 3; i++) {
        count.operations = 0;
        await publishRows({ store, history, pageSizing: fixedPageSizing(1024) }, def, items(500 * i, i), {
          force: true,
          retention: 2,
        });
        spent.push(count.operations);
      }
      return spent;
    });
    const [first, second, third] = [await pagesOf(1), await pagesOf(2), await pagesOf(3)];
    expect(third).toBeGreaterThan(40);
    // Version 3 prunes version 1: a list, then its pages and its diff deleted (its metadata stays).
    expect(costs).toEqual([first + 5, second + 5, third + 5 + 1 + first + 1]);
  });

  it('keeps a large publish with its pruning, and a full download, to a few hundred operations', async () => {
    const def = datasetNamed('large');
    // The default sizing scaled down 256 times: 20,000 rows here cut as 5,000,000 would be.
    const sizing = { first: 512, pagesPerDoubling: 16, largest: 8192 };
    const { store, count } = operationCounting(kvStore(env.DATASETS));
    const costs = await runInDurableObject(env.DATASET_WRITER.getByName(def.id), async (_instance, state) => {
      const history = sqlHistory(state.storage);
      const spent: number[] = [];
      for (const offset of [0, 1]) {
        count.operations = 0;
        await publishRows({ store, history, pageSizing: sizing }, def, items(20_000, offset), {
          force: true,
          retention: 1,
        });
        spent.push(count.operations);
      }
      return spent;
    });
    const meta = async (version: number) =>
      JSON.parse((await kvStore(env.DATASETS).getText(keys.versionMeta(def.id, version))) ?? '{}') as Head;
    const [first, second] = [await meta(1), await meta(2)];
    const stored = second.pageBytes.reduce((n, b) => n + b + 2, 0);
    // Fixed pages of the first size would be 2,400; growing ones are about what the estimate says.
    expect(second.pageStarts.length).toBeLessThan(stored / 512 / 10);
    expect(second.pageStarts.length).toBeLessThanOrEqual(expectedPageCount(stored, sizing));
    // Version 2's publish writes its pages and five keys, then prunes version 1: a list and its deletes.
    expect(costs).toEqual([
      publishOperations(first.pageStarts.length),
      publishOperations(second.pageStarts.length) + pruneOperations(first.pageStarts.length),
    ]);
    expect(costs[1]).toBeLessThan(500);

    // A full download in a fresh isolate: the head, then each page once.
    const reading = operationCounting(kvStore(env.DATASETS));
    const app = createApp({ datasets: [def], store: () => reading.store, caches: createReaderCaches() });
    const res = await app.request('http://assay.test/v1/datasets/large', {}, env);
    expect((await res.json<{ data: Row[] }>()).data).toHaveLength(20_000);
    expect(reading.count.operations).toBe(downloadOperations(second.pageStarts.length));
  }, 60_000);

  it('works off a backlog of versions past retention over the next publishes, within its budget', async () => {
    const def = datasetNamed('backlog');
    const { store, count } = operationCounting(kvStore(env.DATASETS));
    const budget = 20;
    const outcome = await runInDurableObject(
      env.DATASET_WRITER.getByName(def.id),
      async (_instance, state) => {
        const history = sqlHistory(state.storage);
        const deps = { store, history, pageSizing: fixedPageSizing(1024), pruneBudget: budget };
        // Four versions of about 15 pages each, kept; then retention drops to 1.
        for (let i = 1; i <= 4; i++)
          await publishRows(deps, def, items(500, i), { force: true, retention: 10 });
        const pruning: number[] = [];
        for (let version = 5; version <= 30; version++) {
          count.pruning = 0;
          await publishRows(deps, def, items(20, version), { force: true, retention: 1 });
          pruning.push(count.pruning);
          if (history.unpruned(version).length === 0) return { pruning, version };
        }
        throw new Error(`a backlog is still left after 26 publishes: ${JSON.stringify(pruning)}`);
      },
    );
    expect(outcome.pruning.every((spent) => spent <= budget)).toBe(true);
    // Four versions of about 17 keys each took more than one publish's budget.
    expect(outcome.pruning.length).toBeGreaterThan(3);
    for (let version = 1; version < outcome.version; version++) {
      expect(await kvStore(env.DATASETS).list(keys.versionPrefix(def.id, version))).toEqual([
        keys.versionMeta(def.id, version),
      ]);
    }
  }, 60_000);

  it('leaves what a publish cannot prune within its budget to the writer alarm', async () => {
    const def = datasetNamed('alarmed');
    const client = adminClient({ datasets: [def], vars: { RETENTION: '1' } });
    await client.put('alarmed', { rows: items(4) });
    // A stopped attempt's 400 pages under version 1, more than one publish prunes (pruneBudget).
    await Promise.all(
      Array.from({ length: 400 }, (_, page) => client.store.put(keys.page('alarmed', 1, 10 + page), 'stray')),
    );
    await client.put('alarmed', { rows: items(5) });
    const left = (await client.store.list(keys.versionPrefix('alarmed', 1))).length;
    expect(left).toBeGreaterThan(100);
    expect(left).toBeLessThan(402 - 250);

    const writer = env.DATASET_WRITER.getByName('alarmed');
    expect(await runDurableObjectAlarm(writer)).toBe(true);
    expect(await client.store.list(keys.versionPrefix('alarmed', 1))).toEqual([
      keys.versionMeta('alarmed', 1),
    ]);
    // Nothing is left, so the alarm did not set itself again.
    expect(await runDurableObjectAlarm(writer)).toBe(false);
  });

  it('deletes what an attempt stopped before its head wrote, before its number is used again', async () => {
    const def = datasetNamed('stopped');
    const client = adminClient({ datasets: [def] });
    await client.put('stopped', { rows: items(4) });
    // Many small pages, and a failure after some of them: the attempt stays pending.
    const pagesThenFail = failingStore((key, n) => key.includes('/v/2/page/') && n >= 10);
    await expect(publishInside(def, items(200, 50), pagesThenFail.store, 64)).rejects.toThrow(/injected/);
    expect(pagesThenFail.written.filter((key) => key.includes('/v/2/page/')).length).toBeGreaterThan(5);

    // Version 2 then goes to one page of other rows, and nothing of the stopped attempt is left with it.
    expect(await (await client.put('stopped', { rows: items(5) })).json()).toMatchObject({ version: 2 });
    expect((await client.store.list(keys.versionPrefix('stopped', 2))).sort()).toEqual(
      [keys.changes('stopped', 2), keys.versionMeta('stopped', 2), keys.page('stopped', 2, 0)].sort(),
    );
  });

  it('prunes every key under a pruned version, pages a stopped attempt left behind included', async () => {
    const def = datasetNamed('leftovers');
    const store = kvStore(env.DATASETS);
    // An attempt at version 2 wrote five pages and was stopped; the number is free again and the
    // version that takes it has one page.
    for (let page = 0; page < 5; page++) await store.put(keys.page(def.id, 2, page), 'stray');
    await runInDurableObject(env.DATASET_WRITER.getByName(def.id), async (_instance, state) => {
      const history = sqlHistory(state.storage);
      for (let i = 1; i <= 3; i++) {
        await publishRows({ store, history }, def, items(2, i * 10), { force: true, retention: 1 });
      }
    });
    expect(await store.list(keys.versionPrefix(def.id, 2))).toEqual([keys.versionMeta(def.id, 2)]);
    expect(await store.list(keys.versionPrefix(def.id, 1))).toEqual([keys.versionMeta(def.id, 1)]);
    expect((await store.list(keys.versionPrefix(def.id, 3))).length).toBeGreaterThan(1);
  });
});
