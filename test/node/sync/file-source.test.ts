import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFixtureDir } from '../../../scripts/sync/options.ts';
import { runSync } from '../../../scripts/sync/run.ts';
import { formatRunReport } from '../../../scripts/sync/run-report.ts';
import { fileSource } from '../../../scripts/sync/sources/file.ts';
import { startWorker, type TestWorker } from '../support/worker.ts';
import { noDevVars, served, syncFiles, testRetryBudgetMs } from './helpers.ts';

type Answer = (method: string) => [status: number, contentType: string, body: string];

/** The production dataset synced to a stand-in server on loopback that answers as `answer` says. */
async function syncAgainst(answer: Answer) {
  const server = createServer((req, res) => {
    const [status, type, body] = answer(req.method ?? 'GET');
    req.resume();
    res.writeHead(status, { 'content-type': type }).end(body);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The token is never checked here; any will do.
    const result = await runSync(
      { target, datasets: ['production'], retryBudgetMs: testRetryBudgetMs },
      { env: { ADMIN_TOKEN: 'stand-in' }, devVarsPath: noDevVars },
    );
    return { ...result, target };
  } finally {
    server.close();
  }
}

describe('sync from a folder of CSVs', { timeout: 30_000 }, () => {
  let worker: TestWorker;
  let dir: string;

  beforeAll(async () => {
    [worker, dir] = await Promise.all([startWorker(), mkdtemp(join(tmpdir(), 'assay-sync-'))]);
  });
  afterAll(async () => {
    await Promise.all([worker?.stop(), rm(dir, { recursive: true, force: true })]);
  });

  it('a tab that loses most of its rows is held back until --force', async () => {
    expect((await syncFiles(worker, { datasets: ['production'] })).exitCode).toBe(0);
    const csv = await readFile(join(defaultFixtureDir, 'Production.csv'), 'utf8');
    await writeFile(join(dir, 'Production.csv'), csv.split('\n').slice(0, 2).join('\n'));

    const held = await syncFiles(worker, { dir, datasets: ['production'] });
    expect(held.exitCode).toBe(1);
    expect(held.report.datasets[0]).toMatchObject({ outcome: 'refused', servedVersion: 1 });
    expect(held.report.datasets[0]?.outcome === 'refused' && held.report.datasets[0].reason).toContain(
      'it would remove 3 of 4 rows',
    );
    expect((await served(worker, 'production'))?.version).toBe(1);

    const forced = await syncFiles(worker, { dir, datasets: ['production'], force: true });
    expect(forced.exitCode).toBe(0);
    expect(forced.report.datasets[0]).toMatchObject({
      outcome: 'published',
      version: 2,
      changes: { added: 0, removed: 3, changed: 0 },
    });
    await writeFile(join(dir, 'Production.csv'), csv.split('\n')[0] ?? '');
    const emptied = await syncFiles(worker, { dir, datasets: ['production'] });
    expect(emptied.report.datasets[0]).toMatchObject({
      outcome: 'refused',
      reason:
        'the tab has no data rows, so publishing it would remove all 1 served row; this dataset allows removing at most 50% of its rows in one publish; check the tab, or run with --force if the rows should go',
    });
    // The history is public: a folder outside the project is not named, only the file.
    const history = (await (await fetch(`${worker.url}/v1/datasets/production/versions`)).json()) as {
      versions: { source?: unknown }[];
    };
    expect(history.versions[0]?.source).toEqual({ kind: 'file', path: 'Production.csv' });
  });

  it('a key that looks renamed is a warning at its row, in the report and the JSON alike', async () => {
    const renamedDir = join(dir, 'renamed');
    await mkdir(renamedDir);
    expect((await syncFiles(worker, { datasets: ['players'] })).exitCode).toBe(0);
    const csv = await readFile(join(defaultFixtureDir, 'Players.csv'), 'utf8');
    await writeFile(
      join(renamedDir, 'Players.csv'),
      csv.replace('Lynas Rare Earths,', 'Lynas Rare Earths Ltd,'),
    );
    const { exitCode, report } = await syncFiles(worker, { dir: renamedDir, datasets: ['players'] });
    expect(exitCode).toBe(0);
    expect(report.datasets[0]).toMatchObject({
      outcome: 'published',
      changes: { added: 1, removed: 1, changed: 0 },
      warnings: [
        {
          tab: 'Players',
          cell: '4:4',
          row: 4,
          message:
            'row 4 looks like "Lynas Rare Earths" renamed to "Lynas Rare Earths Ltd"; it counts as one row removed and one added',
        },
      ],
    });
    expect(formatRunReport(report)).toContain(
      'warning: Players!4:4 (row 4): row 4 looks like "Lynas Rare Earths"',
    );
  });

  it('a missing CSV is that dataset’s problem, of the workbook rather than a cell, naming a near file', async () => {
    const { exitCode, report } = await syncFiles(worker, { dir, datasets: ['elements'] });
    expect(exitCode).toBe(1);
    const [missing] = report.datasets[0]?.outcome === 'invalid' ? report.datasets[0].problems : [];
    expect(missing).toMatchObject({ tab: 'Elements', cell: null, row: null });
    expect(missing?.message).toMatch(
      /^there is no Elements\.csv \(or Google's download name "<Spreadsheet> - Elements\.csv"\) in \S+$/,
    );
    expect(formatRunReport(report)).toMatch(/^ {6}workbook: there is no Elements\.csv/m);

    await writeFile(join(dir, 'Elemnts.csv'), await readFile(join(defaultFixtureDir, 'Elements.csv')));
    const slipped = await syncFiles(worker, { dir, datasets: ['elements'], dryRun: true });
    const [near] =
      slipped.report.datasets[0]?.outcome === 'invalid' ? slipped.report.datasets[0].problems : [];
    expect(near?.message).toMatch(/; is it Elemnts\.csv\? Rename it Elements\.csv$/);
    await rm(join(dir, 'Elemnts.csv'));
  });

  it('reads tabs downloaded from Google Sheets under their download names, and records that file', async () => {
    const downloads = join(dir, 'downloads');
    await mkdir(downloads);
    const csv = await readFile(join(defaultFixtureDir, 'Elements.csv'));
    await writeFile(join(downloads, 'Rare earths - Elements.csv'), csv);
    const { exitCode, report } = await syncFiles(worker, { dir: downloads, datasets: ['elements'] });
    expect(exitCode).toBe(0);
    expect(report.datasets[0]).toMatchObject({ outcome: 'published', version: 1 });
    const history = (await (await fetch(`${worker.url}/v1/datasets/elements/versions`)).json()) as {
      versions: { source?: unknown }[];
    };
    expect(history.versions[0]?.source).toEqual({ kind: 'file', path: 'Rare earths - Elements.csv' });

    await writeFile(join(downloads, 'elements.csv'), csv);
    const ambiguous = await syncFiles(worker, { dir: downloads, datasets: ['elements'] });
    expect(ambiguous.exitCode).toBe(1);
    const problem =
      ambiguous.report.datasets[0]?.outcome === 'invalid' && ambiguous.report.datasets[0].problems[0];
    expect(problem).toMatchObject({
      cell: null,
      message:
        'several files could hold this tab ("Rare earths - Elements.csv", "elements.csv"); keep one, or name it Elements.csv',
    });
  });

  it('rows larger than the Worker accepts are a configuration error naming the dataset and the fix', async () => {
    const small = await startWorker({ bindings: { MAX_BODY_BYTES: '200' } });
    try {
      const { exitCode, report } = await syncFiles(small, { datasets: ['production'] });
      expect(exitCode).toBe(2);
      expect(report.datasets[0]).toMatchObject({
        outcome: 'failed',
        error: expect.stringMatching(
          /^The rows of "production" are more than the Worker at .* accepts in one publish \(The body is larger than the 200 bytes .*\); look for an overlong cell or stray rows in the tab, or raise MAX_BODY_BYTES on the Worker\.$/,
        ),
      });
    } finally {
      await small.stop();
    }
  });

  it('a large tab goes as NDJSON, past MAX_BODY_BYTES, and its row limit is named when met', async () => {
    // 8,000 rows of long sources are about 1.3 MB of JSON: above the sync's NDJSON threshold, and
    // above this Worker's body limit.
    const source = 'a long source note, '.repeat(5);
    const tab = (count: number) =>
      [
        'Country,Year,Share of global production (%),Source',
        ...Array.from(
          { length: count },
          (_, i) => `Country ${Math.floor(i / 25)},${2000 + (i % 25)},${i % 100}%,"${source}row ${i}"`,
        ),
      ].join('\n');
    const large = join(dir, 'large');
    await mkdir(large, { recursive: true });
    await writeFile(join(large, 'Production.csv'), tab(8_000));
    const worker = await startWorker({ bindings: { MAX_BODY_BYTES: '1000000', MAX_PUBLISH_ROWS: '8000' } });
    try {
      const published = await syncFiles(worker, { dir: large, datasets: ['production'] });
      expect(published.exitCode).toBe(0);
      expect(published.report.datasets[0]).toMatchObject({ outcome: 'published', version: 1 });
      const latest = await served(worker, 'production');
      expect(latest?.data).toHaveLength(8_000);
      expect(latest?.data[7_999]).toMatchObject({ country: 'Country 319', year: 2024, share: 99 });

      await writeFile(join(large, 'Production.csv'), tab(8_001));
      const over = await syncFiles(worker, { dir: large, datasets: ['production'] });
      expect(over.exitCode).toBe(2);
      expect(over.report.datasets[0]).toMatchObject({
        outcome: 'failed',
        error: expect.stringMatching(
          /^The rows of "production" are more than the Worker at .* accepts in one publish \(More than 8000 rows were sent.*\); look for an overlong cell or stray rows in the tab, or raise MAX_PUBLISH_ROWS on the Worker\.$/,
        ),
      });
      expect((await served(worker, 'production'))?.version).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it('a publish that lost a race says so in an editor’s words, exit 3 for the next run', async () => {
    const { exitCode, report } = await syncAgainst((method) =>
      method === 'GET'
        ? [200, 'application/json', '{"datasets":[{"id":"production","version":1}]}']
        : [
            409,
            'application/problem+json',
            '{"status":409,"detail":"baseVersion 1 is not the current version","currentVersion":2}',
          ],
    );
    expect(exitCode).toBe(3);
    expect(report.datasets[0]).toMatchObject({
      outcome: 'failed',
      error:
        'Someone else published "production" while this run was reading it (it is now version 2); nothing was lost, and the next run publishes on top of it.',
    });
  });

  it('a folder that does not exist is a configuration error', async () => {
    const { exitCode, report } = await syncFiles(worker, { dir: join(dir, 'nope') });
    expect(exitCode).toBe(2);
    expect(report.error).toContain('--dir: there is no folder at');
    const file = await syncFiles(worker, { dir: join(defaultFixtureDir, 'Production.csv') });
    expect(file.exitCode).toBe(2);
    expect(file.report.error).toBe(
      '--dir: fixtures/Production.csv is a file, not a folder; give the folder that holds one <Tab>.csv per tab.',
    );
  });

  it('a CSV the parser cannot read holds back its own dataset only, naming the row', async () => {
    const broken = join(dir, 'unreadable');
    await mkdir(broken);
    for (const tab of ['Production', 'Elements']) {
      await writeFile(
        join(broken, `${tab}.csv`),
        await readFile(join(defaultFixtureDir, `${tab}.csv`), 'utf8'),
      );
    }
    const csv = await readFile(join(broken, 'Production.csv'), 'utf8');
    await writeFile(
      join(broken, 'Production.csv'),
      csv.replace('"USGS, via the seed article (2024)"', '"USGS" 2024'),
    );
    const { exitCode, report } = await syncFiles(worker, {
      dir: broken,
      datasets: ['production', 'elements'],
    });
    expect(exitCode).toBe(1);
    const [production, elements] = report.datasets;
    expect(production?.outcome === 'invalid' && production.problems[0]).toMatchObject({
      tab: 'Production',
      row: 2,
      message: expect.stringContaining('write a quote twice'),
    });
    expect(elements?.outcome).toMatch(/^(published|unchanged)$/);
  });

  it('names the sheet row, not the file line, when cells above hold line breaks', async () => {
    const multiline = join(dir, 'multiline');
    await mkdir(multiline);
    await writeFile(
      join(multiline, 'Timeline.csv'),
      'Period,Event,Source\n2010,"first line\nsecond line\nthird line",Article\n\n2023,"quoted" then not,Article\n',
    );
    const tabs = await fileSource(multiline).readTabs(['Timeline']);
    expect(tabs.get('Timeline')).toEqual({
      row: 4,
      message: expect.stringContaining('the CSV cannot be read from here on'),
    });
  });

  it('a CSV that is not UTF-8, or not comma-separated, is its tab’s problem with what to export instead', async () => {
    const exported = join(dir, 'exported');
    await mkdir(exported);
    const [header] = (await readFile(join(defaultFixtureDir, 'Elements.csv'), 'utf8')).split('\n');
    // Windows-1252, as Excel's plain "CSV" saves it: "é" is the single byte 0xE9, not UTF-8.
    const row = Buffer.from('21,Sc,Scandium,,no,alliages légers,x\n', 'latin1');
    await writeFile(join(exported, 'Elements.csv'), Buffer.concat([Buffer.from(`${header}\n`), row]));
    const production = await readFile(join(defaultFixtureDir, 'Production.csv'), 'utf8');
    await writeFile(join(exported, 'Production.csv'), production.replaceAll(',', ';'));
    await writeFile(join(exported, 'Timeline.csv'), 'Date,Event\n2024-01-08,the "Partnership" begins\n');
    const { exitCode, report } = await syncFiles(worker, {
      dir: exported,
      datasets: ['elements', 'production', 'timeline'],
      dryRun: true,
    });
    expect(exitCode).toBe(1);
    const outcome = (id: string) => report.datasets.find((d) => d.dataset === id);
    const [elementsOutcome, productionOutcome, timelineOutcome] = ['elements', 'production', 'timeline'].map(
      outcome,
    );
    expect(elementsOutcome?.outcome === 'invalid' && elementsOutcome.problems).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringContaining('not UTF-8 text') }),
    ]);
    expect(productionOutcome?.outcome === 'invalid' && productionOutcome.problems).toEqual([
      expect.objectContaining({ row: 1, message: expect.stringContaining('semicolon-separated') }),
    ]);
    expect(timelineOutcome?.outcome === 'invalid' && timelineOutcome.problems).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringContaining('a quote that does not start it') }),
    ]);
  });

  it('a folder without any CSV is a configuration error', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    const { exitCode, report } = await syncFiles(worker, { dir: empty });
    expect(exitCode).toBe(2);
    expect(report.error).toContain('holds no CSV files');
  });

  it.each([
    ['HTML', () => [200, 'text/html', '<html>'], 200],
    ['JSON of another shape', () => [200, 'application/json', '{"ok":1}'], 200],
    [
      'an Assay-like catalogue but a strange publish answer',
      (method: string) =>
        method === 'GET'
          ? [200, 'application/json', '{"datasets":[]}']
          : [201, 'application/json', '{"version":"x"}'],
      201,
    ],
    [
      'an Assay-like catalogue but a 422 without Assay problems',
      (method: string) =>
        method === 'GET'
          ? [200, 'application/json', '{"datasets":[]}']
          : [422, 'application/json', '{"problems":"x"}'],
      422,
    ],
  ] as [string, Answer, number][])(
    'a target that answers %s is not an Assay Worker: exit 2 with a sentence, nothing reported published',
    async (_, answer, status) => {
      const { exitCode, report, target } = await syncAgainst(answer);
      expect(exitCode).toBe(2);
      const error = `The server at ${target} answered ${status} with something that is not an Assay answer: is --target the Assay Worker?`;
      // A catalogue that is not Assay's stops the run once; a publish answer that is not, that dataset.
      if (status === 200) {
        expect(report.datasets).toEqual([]);
        expect(report.error).toBe(error);
      } else expect(report.datasets[0]).toMatchObject({ outcome: 'failed', error });
    },
  );

  it('a target whose catalogue is not found is a configuration error naming --target', async () => {
    const { exitCode, report } = await syncFiles(worker, {
      target: `${worker.url}/some/path`,
      datasets: ['production'],
    });
    expect(exitCode).toBe(2);
    expect(report.datasets).toEqual([]);
    expect(report.error).toContain('answered 404 for /v1/datasets');
  });
});
