import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPort, localOrigin, portIsFree } from '../../../scripts/local/port.ts';
import { datasets } from '../../../src/datasets/registry.ts';
import { readmeBlock, readmeBlockAfter } from '../support/readme.ts';
import { descendants, stillAlive } from './process-tree.ts';

const repo = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

async function freePort(): Promise<number> {
  for (let port = 18_800 + Math.floor(Math.random() * 1000); ; port++)
    if (await portIsFree(port)) return port;
}

/** A copy of what a clone holds, so the newcomer's state and .dev.vars never touch the developer's. */
function cloneProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'assay-newcomer-'));
  for (const entry of ['src', 'scripts', 'fixtures', 'package.json', 'tsconfig.json', 'wrangler.toml']) {
    cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

describe('the newcomer path: npm start, read, edit, sync, stop', () => {
  let project: string;
  let port: number;
  let start: ChildProcess;
  let output = '';
  let base: string;

  async function npmStart() {
    output = '';
    start = spawn(process.execPath, ['scripts/start.ts'], {
      cwd: project,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    start.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 90_000;
    while (!output.includes('Press Ctrl-C to stop') && Date.now() < deadline && start.exitCode === null) {
      await sleep(200);
    }
  }

  /** Stops it as a person would and checks that everything it started is gone. */
  async function stopAndCheck(signal: NodeJS.Signals) {
    const started = descendants(start.pid ?? -1);
    expect(started.length).toBeGreaterThan(1);
    const exited = new Promise((done) => start.once('exit', done));
    start.kill(signal);
    await exited;
    expect(await stillAlive(() => started)).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
  }

  const sync = (...args: string[]) =>
    run(process.execPath, ['scripts/sync.ts', '--target', base, ...args], { cwd: project }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
  const json = async <T>(path: string) => (await fetch(`${base}${path}`)).json() as Promise<T>;

  beforeAll(async () => {
    project = cloneProject();
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await npmStart();
  }, 120_000);

  afterAll(() => {
    if (start.exitCode === null) start.kill('SIGKILL');
    rmSync(project, { recursive: true, force: true });
  });

  it('starts, publishes the fixture workbook and prints the URLs', async () => {
    expect(output).toContain('Press Ctrl-C to stop');
    for (const { id } of datasets) expect(output).toMatch(new RegExp(`${id}.*published v1`));
    expect(output).toContain(`${base}/v1/datasets/production`);
    expect(output).toContain(`${base}/docs`);
    const devVars = readFileSync(join(project, '.dev.vars'), 'utf8');
    expect(devVars).toMatch(/^ADMIN_TOKEN=local:\S{20,}$/m);
    expect(devVars).toMatch(/^PUBLISH_TOKEN=editors:\S{20,}$/m);
    expect(output).not.toMatch(/_TOKEN=|(local|editors):[A-Za-z0-9_-]{20,}/);
  });

  it("prints what the README's quick start shows, times and port aside", () => {
    const sample = readmeBlockAfter('text', 'npm start');
    // The README shows the default port; this run has its own. Durations vary from run to run.
    const comparable = (text: string) =>
      text
        .replaceAll(base, localOrigin(defaultPort))
        .replaceAll(`port ${port}`, `port ${defaultPort}`)
        .replace(/\b\d+(\.\d+)? (ms|s|min)\b/g, '<time>')
        .trim();
    expect(comparable(output)).toBe(comparable(sample));
  });

  it('serves the catalogue and every dataset, as JSON and CSV', async () => {
    const catalogue = await json<{ datasets: { id: string; version: number; rowCount: number }[] }>(
      '/v1/datasets',
    );
    expect(catalogue.datasets.map((d) => d.id)).toEqual(datasets.map((d) => d.id));
    for (const entry of catalogue.datasets) {
      expect(entry.version, entry.id).toBe(1);
      const body = await json<{ data: unknown[] }>(`/v1/datasets/${entry.id}`);
      expect(body.data.length, entry.id).toBe(entry.rowCount);
      const csv = await (await fetch(`${base}/v1/datasets/${entry.id}?format=csv`)).text();
      expect(csv.trimEnd().split('\r\n').length, entry.id).toBeGreaterThan(entry.rowCount);
    }
    const production = await json<{ data: Record<string, unknown>[] }>('/v1/datasets/production');
    expect(production.data[0]).toMatchObject({
      country: 'China',
      year: 2023,
      share: 70,
      shareApproximate: true,
    });
  });

  it('stops on SIGTERM, leaving no process it started', async () => {
    await stopAndCheck('SIGTERM');
  });

  it('starts again on the same state, every dataset unchanged', async () => {
    await npmStart();
    expect(output).toContain('Press Ctrl-C to stop');
    for (const { id } of datasets) expect(output).toMatch(new RegExp(`${id}.*unchanged v1`));
    expect(output).not.toContain('Created a local admin token');
  }, 120_000);

  it("runs the README's admin PUT example as printed: the answer and nothing else", async () => {
    const example = readmeBlock('sh', '/admin/v1/datasets/production').replaceAll(
      localOrigin(defaultPort),
      base,
    );
    // As a script, never a login or rc shell: a startup file written for prompts (PS1 under -u) must not
    // decide the outcome.
    const ran = await run('bash', ['--norc', '--noprofile', '-euo', 'pipefail', '-c', example], {
      cwd: project,
      env: { ...process.env, BASH_ENV: '' },
    });
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toEqual({ unchanged: true, version: 1 });
  });

  it("runs the README's NDJSON PUT example as printed: the served rows stream back unchanged", async () => {
    const example = readmeBlock('sh', 'application/x-ndjson').replaceAll(localOrigin(defaultPort), base);
    const ran = await run('bash', ['--norc', '--noprofile', '-euo', 'pipefail', '-c', example], {
      cwd: project,
      env: { ...process.env, BASH_ENV: '' },
    });
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toEqual({ unchanged: true, version: 1 });
  });

  it("runs the README's POST …/sheet dry run as printed, with the publish token npm start wrote", async () => {
    const example = readmeBlock('sh', '/sheet').replaceAll(localOrigin(defaultPort), base);
    const ran = await run('bash', ['--norc', '--noprofile', '-euo', 'pipefail', '-c', example], {
      cwd: project,
      env: { ...process.env, BASH_ENV: '' },
    });
    expect(ran.stderr).toBe('');
    const answer = JSON.parse(ran.stdout) as { status: number; problems: unknown[] };
    expect(answer.status).toBe(422);
    expect(answer.problems[0]).toEqual({
      cell: 'Elements!1:1',
      row: 1,
      column: 'Symbol',
      field: 'symbol',
      message: 'missing required column; add a column headed "Symbol"',
      value: null,
    });
  });

  it('publishes an edited copy of the workbook as version 2 with exactly that change', async () => {
    const edited = join(project, 'edited');
    cpSync(join(project, 'fixtures'), edited, { recursive: true });
    const csv = readFileSync(join(edited, 'Production.csv'), 'utf8');
    writeFileSync(join(edited, 'Production.csv'), csv.replace('China,2023,~70%', 'China,2023,~69%'));
    const result = await sync('--dir', edited);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/production.*published v2/);
    const changes = await json<{
      added: unknown[];
      removed: unknown[];
      changed: { after: { share: number } }[];
    }>('/v1/datasets/production/versions/2/changes');
    expect(changes.added).toEqual([]);
    expect(changes.removed).toEqual([]);
    expect(changes.changed.map((c) => c.after.share)).toEqual([69]);
  });

  it('refuses a broken cell with its reference and keeps version 2 served', async () => {
    const broken = join(project, 'broken');
    cpSync(join(project, 'edited'), broken, { recursive: true });
    const csv = readFileSync(join(broken, 'Production.csv'), 'utf8');
    writeFileSync(join(broken, 'Production.csv'), csv.replace('~69%', 'seventy'));
    const result = await sync('--dir', broken);
    expect(result.code).toBe(1);
    expect(result.out).toContain('Production!C2');
    expect(result.out).toContain('not published');
    const latest = await json<{ version: number }>('/v1/datasets/production');
    expect(latest.version).toBe(2);
  });

  it('stops on Ctrl-C (SIGINT), leaving no process it started', async () => {
    await stopAndCheck('SIGINT');
  });
});

describe('npm start interrupted while it starts', () => {
  it('stops the Worker it was starting, leaving no process behind', async () => {
    const project = cloneProject();
    try {
      const port = await freePort();
      const start = spawn(process.execPath, ['scripts/start.ts'], {
        cwd: project,
        env: { ...process.env, PORT: String(port) },
        stdio: 'ignore',
      });
      let started: number[] = [];
      const deadline = Date.now() + 30_000;
      while (started.length < 2 && Date.now() < deadline) {
        await sleep(100);
        started = descendants(start.pid ?? -1);
      }
      expect(started.length).toBeGreaterThan(1);
      const exited = new Promise((done) => start.once('exit', done));
      start.kill('SIGINT');
      await exited;
      expect(await stillAlive(() => descendants(start.pid ?? -1).concat(started))).toEqual([]);
      expect(await portIsFree(port)).toBe(true);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('npm start on a port it cannot use', () => {
  it.each([
    ['abc', 'PORT must be a whole number from 1 to 65535; got "abc".'],
    ['6666', 'Port 6666 cannot be used: fetch refuses to call that port'],
  ])('PORT=%s exits 2 at once, saying why, and starts nothing', async (port, message) => {
    const project = cloneProject();
    try {
      const ran = await run(process.execPath, ['scripts/start.ts'], {
        cwd: project,
        env: { ...process.env, PORT: port },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain(message);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
