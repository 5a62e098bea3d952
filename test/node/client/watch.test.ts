import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetRows } from '../../../src/client/dataset-rows.ts';
import { createClient, type Snapshot } from '../../../src/client/index.ts';
import { startWorker, type TestWorker } from '../support/worker.ts';

type Production = DatasetRows['production'];

const countries = ['China', 'United States', 'Myanmar', 'Australia'];
/** Production rows whose shares are `shares`, so each publish differs from the last. */
const rows = (...shares: number[]): Production[] =>
  shares.map((share, i) => ({
    country: countries[i] ?? `Country ${i}`,
    year: 2023,
    share,
    shareApproximate: false,
    source: 'USGS',
  }));

async function publish(worker: TestWorker, body: Production[]) {
  const res = await fetch(`${worker.url}/admin/v1/datasets/production`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${worker.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rows: body, force: true }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { version: number }).version;
}

const served = async (worker: TestWorker) =>
  ((await (await fetch(`${worker.url}/v1/datasets/production`)).json()) as { data: Production[] }).data;
const byCountry = (list: readonly Production[]) =>
  [...list].sort((a, b) => a.country.localeCompare(b.country));

/** A watch whose snapshots can be awaited, and whose requests are recorded as `METHOD url status`. */
function watching(worker: TestWorker, options: { sockets: boolean; gate?: (url: string) => Promise<void> }) {
  const requests: string[] = [];
  const sockets: string[] = [];
  const snapshots: Snapshot<Production>[] = [];
  const waiters: { version: number; resolve: (s: Snapshot<Production>) => void }[] = [];
  const controller = new AbortController();
  class CountingSocket extends WebSocket {
    constructor(url: string | URL) {
      super(String(url));
      sockets.push(String(url));
    }
  }
  const client = createClient(worker.url, {
    WebSocket: options.sockets ? CountingSocket : null,
    fetch: async (input, init) => {
      const url = String(input).slice(worker.url.length);
      await options.gate?.(url);
      const res = await fetch(input, init);
      requests.push(`${url} ${res.status}`);
      return res;
    },
  });
  client.watch(
    'production',
    (snapshot) => {
      snapshots.push(snapshot);
      for (const w of waiters.filter((w) => snapshot.version >= w.version)) w.resolve(snapshot);
    },
    { signal: controller.signal },
  );
  return {
    requests,
    sockets,
    snapshots,
    stop: () => controller.abort(),
    reach: (version: number) =>
      new Promise<Snapshot<Production>>((resolve) => {
        const seen = snapshots.find((s) => s.version >= version);
        if (seen) resolve(seen);
        else waiters.push({ version, resolve });
      }),
  };
}

describe('watch', { timeout: 30_000 }, () => {
  let worker: TestWorker;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(() => worker?.stop());

  it('converges through the live socket, downloading only the change', async () => {
    const v1 = await publish(worker, rows(70, 14, 11, 5));
    const watch = watching(worker, { sockets: true });
    expect((await watch.reach(v1)).rows).toEqual(await served(worker));
    const v2 = await publish(worker, rows(69, 14, 11, 6));
    const snapshot = await watch.reach(v2);
    expect(byCountry(snapshot.rows)).toEqual(byCountry(await served(worker)));
    expect(watch.requests).toEqual([
      `/v1/datasets/production 200`,
      `/v1/datasets/production/changes?from=${v1}&to=${v2} 200`,
    ]);
    watch.stop();
  });

  it('converges by polling with If-None-Match when sockets are off', async () => {
    const watch = watching(worker, { sockets: false });
    const start = await watch.reach(1);
    const next = await publish(worker, rows(60, 20, 11, 9));
    const snapshot = await watch.reach(next);
    expect(snapshot.version).toBeGreaterThan(start.version);
    expect(byCountry(snapshot.rows)).toEqual(byCountry(await served(worker)));
    expect(watch.sockets).toEqual([]);
    watch.stop();
  });

  it('sends nothing after abort', async () => {
    const live = watching(worker, { sockets: true });
    const polling = watching(worker, { sockets: false });
    await Promise.all([live.reach(1), polling.reach(1)]);
    live.stop();
    polling.stop();
    const sent = [live.requests.length, polling.requests.length, live.sockets.length];
    const seen = [live.snapshots.length, polling.snapshots.length];
    await publish(worker, rows(50, 30, 11, 9));
    // Longer than a poll interval (max-age 5 s, plus jitter) and a reconnect backoff.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect([live.requests.length, polling.requests.length, live.sockets.length]).toEqual(sent);
    expect([live.snapshots.length, polling.snapshots.length]).toEqual(seen);
  });
});

describe('watch across a 410', { timeout: 30_000 }, () => {
  let worker: TestWorker;
  beforeAll(async () => {
    worker = await startWorker({ bindings: { RETENTION: '2' } });
  });
  afterAll(() => worker?.stop());

  it('refetches the whole dataset when its version is past retention', async () => {
    const v1 = await publish(worker, rows(70, 14, 11, 5));
    // The first delta request waits until two more publishes have pushed version 1 out of retention.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const watch = watching(worker, {
      sockets: true,
      gate: (url) => (url.includes('/changes') ? released : Promise.resolve()),
    });
    await watch.reach(v1);
    await publish(worker, rows(71, 14, 11, 4));
    await publish(worker, rows(72, 14, 11, 3));
    const last = await publish(worker, rows(73, 14, 11, 2));
    release();
    const snapshot = await watch.reach(last);
    expect(byCountry(snapshot.rows)).toEqual(byCountry(await served(worker)));
    expect(watch.requests).toContain(`/v1/datasets/production/changes?from=${v1}&to=2 410`);
    expect(watch.requests.filter((r) => r === '/v1/datasets/production 200')).toHaveLength(2);
    watch.stop();
  });
});
