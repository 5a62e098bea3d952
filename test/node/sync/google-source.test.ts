import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasets } from '../../../src/datasets/registry.ts';
import { type FakeSheets, startFakeSheets } from '../support/fake-sheets.ts';
import { startWorker, type TestWorker } from '../support/worker.ts';
import { changesOf, served, syncFiles, syncGoogle } from './helpers.ts';

// One Worker and one fake spreadsheet, in order: each step starts from what the previous one left,
// as consecutive scheduled runs do.
describe('sync from a Google spreadsheet to the Worker', { timeout: 30_000 }, () => {
  let fake: FakeSheets;
  let worker: TestWorker;

  beforeAll(async () => {
    [fake, worker] = await Promise.all([startFakeSheets(), startWorker()]);
  });
  afterAll(async () => {
    await Promise.all([fake?.close(), worker?.stop()]);
  });

  it('publishes every dataset on the first run, in one batched read', async () => {
    const { exitCode, report } = await syncGoogle(fake, worker);
    expect(report.error).toBeUndefined();
    expect(exitCode).toBe(0);
    expect(report.datasets.map((d) => [d.dataset, d.outcome])).toEqual(
      datasets.map((d) => [d.id, 'published']),
    );
    const reads = fake.calls.filter((c) => c.method === 'GET');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.query.getAll('ranges')).toEqual(datasets.map((d) => `'${d.tab}'`));
    for (const def of datasets) expect((await served(worker, def.id))?.version).toBe(1);
  });

  it('reads typed cells: a percent-formatted 0.7 is 70 and a date serial is a date', async () => {
    const production = await served(worker, 'production');
    expect(production?.data[0]).toMatchObject({ country: 'China', share: 70, shareApproximate: true });
    const partnership = await served(worker, 'partnership');
    expect(partnership?.data[0]).toMatchObject({ announced: '2024-01-08' });
  });

  it('publishes the same rows as the CSV workbook: the file source finds nothing to change', async () => {
    const { exitCode, report } = await syncFiles(worker);
    expect(exitCode).toBe(0);
    expect(report.datasets.every((d) => d.outcome === 'unchanged')).toBe(true);
  });

  it('writes the status tab, creating it on the first run', async () => {
    const status = fake.values('Publish status');
    expect(status?.[0]?.[0]).toBe('Publish status');
    expect(status?.[2]).toEqual(['Result', 'Every dataset in this run is published and up to date.']);
    expect(status).toContainEqual(['production', 'Production', 'published v1 (+4 −0 ~0)', 1]);
    const writes = fake
      .writes()
      .map((c) => `${c.method} ${c.path.replace(/^\/v4\/spreadsheets\/[^/:]+/, '')} ${c.status}`);
    expect(writes).toEqual([
      "PUT /values/'Publish status'!A1 400",
      'POST :batchUpdate 200',
      "PUT /values/'Publish status'!A1 200",
      `POST /values/'Publish status'!A${(status?.length ?? 0) + 1}:Z:clear 200`,
    ]);
  });

  it('an immediate second run changes nothing', async () => {
    const { exitCode, report } = await syncGoogle(fake, worker);
    expect(exitCode).toBe(0);
    expect(report.datasets.map((d) => d.outcome)).toEqual(datasets.map(() => 'unchanged'));
    for (const def of datasets) expect((await served(worker, def.id))?.version).toBe(1);
  });

  it('one edited cell publishes a new version with exactly that change', async () => {
    fake.type('Production', 'C5', '6%');
    const { exitCode, report } = await syncGoogle(fake, worker);
    expect(exitCode).toBe(0);
    const production = report.datasets.find((d) => d.dataset === 'production');
    expect(production).toMatchObject({
      outcome: 'published',
      version: 2,
      changes: { added: 0, removed: 0, changed: 1 },
    });
    expect(report.datasets.filter((d) => d.outcome !== 'unchanged').map((d) => d.dataset)).toEqual([
      'production',
    ]);
    const changes = await changesOf(worker, 'production', 2);
    expect(changes).toMatchObject({
      added: [],
      removed: [],
      changed: [
        {
          before: { country: 'Australia', share: 5, shareApproximate: true },
          after: { country: 'Australia', share: 6, shareApproximate: false },
        },
      ],
    });
  });

  it('a broken tab is not published, the others are, and the status tab lists its cells', async () => {
    fake.type('Elements', 'A3', 'thirty-nine');
    fake.type('Players', 'C2', 'ministry');
    fake.type('Timeline', 'B2', '1991');
    const { exitCode, report } = await syncGoogle(fake, worker);
    expect(exitCode).toBe(1);
    const byId = new Map(report.datasets.map((d) => [d.dataset, d]));
    expect(byId.get('elements')).toMatchObject({ outcome: 'invalid', servedVersion: 1 });
    expect(byId.get('players')).toMatchObject({ outcome: 'invalid', servedVersion: 1 });
    expect(byId.get('timeline')).toMatchObject({ outcome: 'published', version: 2 });
    expect((await served(worker, 'elements'))?.version).toBe(1);
    expect((await served(worker, 'players'))?.version).toBe(1);

    const status = fake.values('Publish status') ?? [];
    const cells = status.map((row) => row[0]);
    expect(cells).toContain('Elements!A3');
    expect(cells).toContain('Players!C2');
    expect(status).toContainEqual(['elements', 'Elements', '1 problem, not published (v1 still served)', 1]);
  });

  it('clears stale entries from the status tab once the tab is fixed', async () => {
    fake.type('Elements', 'A3', '39');
    fake.type('Players', 'C2', 'government');
    const before = fake.values('Publish status')?.length ?? 0;
    const { exitCode } = await syncGoogle(fake, worker);
    expect(exitCode).toBe(0);
    const status = fake.values('Publish status') ?? [];
    expect(status.length).toBeLessThan(before);
    expect(status.flat()).not.toContain('Elements!A3');
    expect(status[2]).toEqual(['Result', 'Every dataset in this run is published and up to date.']);
  });

  it('retries 429 twice, honouring Retry-After, then succeeds', async () => {
    fake.failNext(2, 429, { retryAfterSeconds: 1 });
    const calls = fake.calls.length;
    const started = Date.now();
    const { exitCode, report } = await syncGoogle(fake, worker, { retryBudgetMs: 5_000 });
    expect(exitCode).toBe(0);
    expect(report.datasets.every((d) => d.outcome === 'unchanged')).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(fake.calls.slice(calls, calls + 3).map((c) => `${c.method} ${c.status}`)).toEqual([
      'GET 429',
      'GET 429',
      'GET 200',
    ]);
  });

  it('500 forever: exit 3 within the retry budget, previous versions still served', async () => {
    fake.failAlways(500);
    try {
      const started = Date.now();
      const { exitCode, report } = await syncGoogle(fake, worker, { retryBudgetMs: 1_000 });
      const elapsed = Date.now() - started;
      expect(exitCode).toBe(3);
      expect(report.error).toMatch(
        /^The Google Sheets API answered 500 while trying to read the spreadsheet, still after retrying for \d+ ms\.$/,
      );
      expect(elapsed).toBeLessThan(3_000);
    } finally {
      fake.stopFailing();
    }
    expect((await served(worker, 'production'))?.version).toBe(2);
    expect((await served(worker, 'elements'))?.version).toBe(1);
  });

  it('a rejected access token: exit 2, naming the variable and not its value', async () => {
    const { exitCode, report } = await syncGoogle(
      fake,
      worker,
      {},
      { GOOGLE_OAUTH_ACCESS_TOKEN: 'not-the-token' },
    );
    expect(exitCode).toBe(2);
    expect(report.error).toContain('GOOGLE_OAUTH_ACCESS_TOKEN');
    expect(JSON.stringify(report)).not.toContain('not-the-token');
  });

  it('a missing tab is that dataset’s problem; the rest still sync', async () => {
    fake.removeTab('Projects');
    const { exitCode, report } = await syncGoogle(fake, worker);
    expect(exitCode).toBe(1);
    const projects = report.datasets.find((d) => d.dataset === 'projects');
    expect(projects).toMatchObject({ outcome: 'invalid', servedVersion: 1 });
    expect(projects?.outcome === 'invalid' && projects.problems[0]).toMatchObject({
      cell: null,
      row: null,
      message: 'the spreadsheet has no tab named "Projects"; add it, or rename the tab that holds this data',
    });
    expect(
      report.datasets.filter((d) => d.dataset !== 'projects').every((d) => d.outcome === 'unchanged'),
    ).toBe(true);
  });

  it('names the tab a missing one was maybe renamed to', async () => {
    fake.renameTab('Elements', 'Elemnts');
    const { report } = await syncGoogle(fake, worker, { datasets: ['elements'], status: false });
    const elements = report.datasets[0];
    expect(elements?.outcome === 'invalid' && elements.problems[0]?.message).toBe(
      'the spreadsheet has no tab named "Elements"; is it the tab "Elemnts"? Rename it "Elements"',
    );
    fake.renameTab('Elemnts', 'Elements');
  });

  it('reads a tab whose title differs only in case or spaces, and names both of two such tabs', async () => {
    fake.renameTab('Elements', 'elements ');
    const renamed = await syncGoogle(fake, worker, { datasets: ['elements'] });
    expect(renamed.exitCode).toBe(0);
    expect(renamed.report.datasets[0]).toMatchObject({ outcome: 'unchanged', version: 1 });
    // A problem points at the tab as the sheet names it, which is where the editor will look.
    fake.type('elements ', 'A3', 'thirty-nine');
    const broken = await syncGoogle(fake, worker, { datasets: ['elements'], status: false });
    expect(broken.report.datasets[0]).toMatchObject({
      outcome: 'invalid',
      problems: [{ tab: 'elements ', cell: 'A3' }],
    });
    fake.type('elements ', 'A3', '39');

    fake.renameTab('Players', 'PLAYERS');
    fake.renameTab('Timeline', 'players');
    const twice = await syncGoogle(fake, worker, { datasets: ['players'] });
    expect(twice.exitCode).toBe(1);
    expect(twice.report.datasets[0]).toMatchObject({
      outcome: 'invalid',
      problems: [
        {
          cell: null,
          message: 'several tabs could hold this tab ("PLAYERS", "players"); rename all but one',
        },
      ],
    });
    fake.renameTab('elements ', 'Elements');
    fake.renameTab('PLAYERS', 'Players');
    fake.renameTab('players', 'Timeline');
  });

  it('calls a server that does not answer as the Sheets API a configuration error', async () => {
    const stranger = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('"unknown"');
    });
    await new Promise<void>((up) => stranger.listen(0, '127.0.0.1', up));
    const url = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
    try {
      const strange = await syncGoogle(fake, worker, {}, { ASSAY_GOOGLE_API_ROOT: url });
      expect(strange.exitCode).toBe(2);
      expect(strange.report.error).toBe(
        `The server at ASSAY_GOOGLE_API_ROOT (${url}) does not answer as the Sheets API does: point it at the API or a proxy to it.`,
      );
    } finally {
      stranger.close();
    }
  });

  it('--no-status writes nothing to the spreadsheet', async () => {
    const writes = fake.writes().length;
    const { report } = await syncGoogle(fake, worker, { status: false });
    expect(report.statusTab).toBeUndefined();
    expect(fake.writes()).toHaveLength(writes);
  });
});
