import { describe, expect, it } from 'vitest';
import { adminClient, datasetNamed } from './publish/admin-client.ts';
import { subscribe } from './support/live-subscriber.ts';
import { items } from './support/test-dataset.ts';

const clientFor = (...ids: string[]) => adminClient({ datasets: ids.map((id) => datasetNamed(id)) });

describe('GET /v1/datasets/:id/live', () => {
  it('sends the current version first, then each publish', async () => {
    const client = clientFor('live-one');
    await client.put('live-one', { rows: items(3) });
    const sub = await subscribe(client, '/v1/datasets/live-one/live');
    expect(await sub.next()).toEqual({
      type: 'version',
      dataset: 'live-one',
      version: 1,
      publishedAt: expect.any(String),
      changes: { added: 3, removed: 0, changed: 0 },
      links: {
        self: '/v1/datasets/live-one/versions/1',
        latest: '/v1/datasets/live-one',
        changes: '/v1/datasets/live-one/versions/1/changes',
        delta: '/v1/datasets/live-one/changes?from=1&to=1',
      },
    });
    const rows = items(3).map((row) => (row.id === 2 ? { ...row, name: 'edited' } : row));
    expect((await client.put('live-one', { rows })).status).toBe(201);
    const notice = await sub.next();
    expect(notice).toMatchObject({ version: 2, changes: { added: 0, removed: 0, changed: 1 } });
    // An unchanged publish makes no version and no notice.
    expect((await client.put('live-one', { rows })).status).toBe(200);
    expect((await client.put('live-one', { rows: items(4) })).status).toBe(201);
    expect((await sub.next()).version).toBe(3);
    // Keep-alive is the runtime's: a "ping" is answered without waking the object.
    sub.socket.send('ping');
    expect(await sub.nextText()).toBe('pong');
    sub.socket.close(1000, 'done');
  });

  it('announces a rollback', async () => {
    const client = clientFor('live-rollback');
    await client.put('live-rollback', { rows: items(2) });
    await client.put('live-rollback', { rows: items(3) });
    const sub = await subscribe(client, '/v1/datasets/live-rollback/live');
    expect((await sub.next()).version).toBe(2);
    expect((await client.rollback('live-rollback', { version: 1 })).status).toBe(201);
    expect(await sub.next()).toMatchObject({
      version: 3,
      rolledBackFrom: 1,
      changes: { added: 0, removed: 1, changed: 0 },
    });
  });

  it('reaches 200 idle sockets with one publish', async () => {
    const client = clientFor('live-many');
    await client.put('live-many', { rows: items(1) });
    const subs = [];
    for (let i = 0; i < 200; i++) subs.push(await subscribe(client, '/v1/datasets/live-many/live'));
    await Promise.all(subs.map((sub) => sub.next()));
    await client.put('live-many', { rows: items(2) });
    const notices = await Promise.all(subs.map((sub) => sub.next()));
    expect(notices.map((n) => n.version)).toEqual(Array(200).fill(2));
  });

  it('answers a plain GET with 426, and an unknown dataset with 404', async () => {
    const client = clientFor('live-plain');
    const plain = await client.request('/v1/datasets/live-plain/live');
    expect(plain.status).toBe(426);
    expect(plain.headers.get('upgrade')).toBe('websocket');
    expect((await plain.json<{ detail: string }>()).detail).toMatch(/WebSocket/);
    expect((await client.request('/v1/live')).status).toBe(426);
    const unknown = await client.request('/v1/datasets/nope/live', { headers: { upgrade: 'websocket' } });
    expect(unknown.status).toBe(404);
  });
});

describe('GET /v1/live', () => {
  it("carries every dataset's publishes and rollbacks", async () => {
    const client = clientFor('hub-a', 'hub-b');
    await client.put('hub-a', { rows: items(1) });
    const sub = await subscribe(client, '/v1/live');
    // First what the hub knows of each dataset (other tests' datasets included), then what comes.
    const known = [];
    while (known.at(-1)?.dataset !== 'hub-a') known.push(await sub.next());
    expect(known.at(-1)).toMatchObject({ dataset: 'hub-a', version: 1 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const before = sub.pending();
    for (let i = 0; i < before; i++) await sub.next();
    await client.put('hub-b', { rows: items(2) });
    expect(await sub.next()).toMatchObject({ dataset: 'hub-b', version: 1 });
    await client.put('hub-a', { rows: items(3) });
    expect(await sub.next()).toMatchObject({ dataset: 'hub-a', version: 2 });
    expect((await client.rollback('hub-a', { version: 1, force: true })).status).toBe(201);
    expect(await sub.next()).toMatchObject({ dataset: 'hub-a', version: 3, rolledBackFrom: 1 });
  });
});
