import { type ChildProcess, spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasets } from '../../../src/datasets/registry.ts';
import { descendants, stillAlive } from '../start/process-tree.ts';
import { startWorker, type TestWorker } from '../support/worker.ts';
import { served } from './helpers.ts';

const root = join(import.meta.dirname, '../../..');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The CLI as `npm run sync` runs it, with only the environment given (no Google credentials, no PATH secrets). */
function startCli(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<Ran> } {
  const started = Date.now();
  const child = spawn(process.execPath, ['scripts/sync.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Ran>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })),
  );
  return { child, done };
}

/** A loopback port nothing listens on: one the system just handed out and took back. */
function closedPort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

const cli = (args: string[], env: Record<string, string> = {}) => startCli(args, env).done;

describe('npm run sync', { timeout: 30_000 }, () => {
  let worker: TestWorker;
  let env: Record<string, string>;

  beforeAll(async () => {
    worker = await startWorker();
    env = { ADMIN_TOKEN: worker.adminTokenBinding };
  });
  afterAll(() => worker?.stop());

  it('--help prints the options and exit codes', async () => {
    const ran = await cli(['--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('--dataset ID');
    expect(ran.stdout).toContain('Exit codes: 0 published or unchanged');
  });

  it('a usage error exits 2 and points to --help', async () => {
    const ran = await cli(['--interval', '5m']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--interval only applies with --watch');
  });

  it.each([
    [['--watch', '--interval', '720h'], {}, '--interval takes a duration from 1s to 24h'],
    [
      ['--dry-run'],
      {
        GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29',
        ASSAY_SPREADSHEET_ID: 'https://docs.google.com/spreadsheets/d/1AbC/edit',
      },
      'ASSAY_SPREADSHEET_ID must be a spreadsheet id',
    ],
    [['--target', 'http://127.0.0.1:1234'], { ADMIN_TOKEN: 'sync:' }, 'ADMIN_TOKEN holds no token'],
  ])('a bad value (%j) exits 2 naming the setting', async (args, settings, message) => {
    const ran = await cli(args, settings);
    expect(ran.code).toBe(2);
    expect(ran.stdout + ran.stderr).toContain(message);
  });

  it('--dry-run validates the fixture workbook and publishes nothing, with no token needed', async () => {
    const ran = await cli(['--dry-run', '--dataset', 'elements', '--dataset', 'production']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/production\s+valid, 4 rows \(dry run, not published\)/);
    expect(ran.stdout).toMatch(/elements\s+valid, 17 rows/);
    expect(ran.stdout).not.toContain('timeline');
    expect(await served(worker, 'production')).toBeNull();
  });

  it('without Google credentials reads the fixture workbook and publishes it (--dataset filters)', async () => {
    const ran = await cli(['--target', worker.url, '--dataset', 'production'], env);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^Sync from fixtures to http:\/\/127\.0\.0\.1:\d+$/m);
    expect(ran.stdout).toMatch(/^ {2}production {2}published v1 \(\+4 −0 ~0\)$/m);
    expect(ran.stdout).toMatch(/^Done in .+, exit code 0\.$/m);
    expect(ran.stdout).not.toContain('elements');
    expect(await served(worker, 'elements')).toBeNull();
  });

  it('--json prints the whole report as data', async () => {
    const ran = await cli(['--target', worker.url, '--json'], env);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout);
    expect(Object.keys(report).sort()).toEqual(
      ['datasets', 'dryRun', 'durationMs', 'exitCode', 'source', 'startedAt', 'target'].sort(),
    );
    expect(report).toMatchObject({
      exitCode: 0,
      dryRun: false,
      target: worker.url,
      source: { kind: 'file' },
    });
    expect(report.datasets.map((d: { dataset: string }) => d.dataset)).toEqual(datasets.map((d) => d.id));
    expect(report.datasets[0]).toEqual({
      dataset: 'production',
      tab: 'Production',
      outcome: 'unchanged',
      version: 1,
      rows: 4,
      warnings: [],
      summary: 'unchanged v1',
    });
    expect(report.datasets[1]).toMatchObject({ dataset: 'dependence', outcome: 'published', version: 1 });
  });

  it('a broken workbook exits 1 and prints each problem where the editor can click', async () => {
    const dir = join(root, 'fixtures/broken/percent-in-words');
    const ran = await cli(['--target', worker.url, '--dir', dir, '--dataset', 'production'], env);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('production  1 problem, not published (v1 still served)');
    expect(ran.stdout).toContain(
      '      Production!C2 (row 2, column "Share of global production (%)"): expected a percentage, got "seventy percent"; write it like 70% or ~70%',
    );
  });

  it('a service-account key that is not one: exit 2, naming the variable, never printing it', async () => {
    const secret = '{"private_key": "-----BEGIN PRIVATE KEY-----SECRET-MATERIAL';
    const ran = await cli(['--target', worker.url], {
      ...env,
      GOOGLE_SERVICE_ACCOUNT_KEY: secret,
      ASSAY_SPREADSHEET_ID: 'x',
    });
    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain('GOOGLE_SERVICE_ACCOUNT_KEY does not hold a service-account JSON key');
    expect(ran.stdout + ran.stderr).not.toContain('SECRET-MATERIAL');
  });

  it('a wrong admin token: exit 2 naming ADMIN_TOKEN, and the token is not printed', async () => {
    const ran = await cli(['--target', worker.url, '--dataset', 'production'], {
      ADMIN_TOKEN: 'wrong-token-value',
    });
    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain('did not accept the admin token: set ADMIN_TOKEN');
    expect(ran.stdout + ran.stderr).not.toContain('wrong-token-value');
  });

  it('a publish token with --force: exit 2 saying it takes an admin token; without --force it publishes', async () => {
    const args = ['--target', worker.url, '--dataset', 'elements'];
    const forced = await cli([...args, '--force'], { ADMIN_TOKEN: worker.publishToken });
    expect(forced.code).toBe(2);
    expect(forced.stdout).toContain('needs an admin token (ADMIN_TOKEN)');
    expect(forced.stdout).toContain('Set ADMIN_TOKEN to an admin token to use --force.');
    expect(forced.stdout + forced.stderr).not.toContain(worker.publishToken);
    const plain = await cli(args, { ADMIN_TOKEN: worker.publishToken });
    expect(plain.code).toBe(0);
  });

  it('a local Worker that is not running: exit 3 at once, without waiting out the retry budget', async () => {
    const port = await closedPort();
    const ran = await cli(['--target', `http://127.0.0.1:${port}`, '--retry-budget', '10m'], {
      ADMIN_TOKEN: 'x',
    });
    expect(ran.code).toBe(3);
    const message = `Could not reach the Worker at http://127.0.0.1:${port} (ECONNREFUSED). Is the local Worker running (npm start), on this port? Set PORT (or --target) to match it.`;
    // Once for the run, not once per dataset: the target is unreachable for all of them.
    expect(ran.stdout.split(message).length - 1).toBe(1);
    expect(ran.stdout).not.toMatch(/^ {2}\w+ +failed/m);
    expect(ran.ms).toBeLessThan(30_000);
  });

  it('a target on a port fetch refuses to call: exit 2 at once, naming the address', async () => {
    const ran = await cli(['--target', 'http://127.0.0.1:6666', '--retry-budget', '10m'], {
      ADMIN_TOKEN: 'x',
    });
    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain(
      '--target http://127.0.0.1:6666 cannot be used: fetch refuses to call that port',
    );
  });

  it('a service-account key whose private_key is not a key: exit 2 naming the variable, before any request', async () => {
    const key = JSON.stringify({
      client_email: 'sync@project.iam.gserviceaccount.com',
      private_key: '-----BEGIN PRIVATE KEY-----\nNOT-A-KEY-SECRET\n-----END PRIVATE KEY-----\n',
    });
    const ran = await cli(['--target', worker.url], {
      ...env,
      GOOGLE_SERVICE_ACCOUNT_KEY: key,
      ASSAY_SPREADSHEET_ID: 'x',
      ASSAY_GOOGLE_API_ROOT: 'http://127.0.0.1:9',
    });
    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain(
      'The private_key in GOOGLE_SERVICE_ACCOUNT_KEY is not a readable PEM private key',
    );
    expect(ran.stdout + ran.stderr).not.toContain('NOT-A-KEY-SECRET');
  });

  it('--watch runs again and again, and SIGTERM stops it cleanly', async () => {
    const { child, done } = startCli(
      ['--target', worker.url, '--dataset', 'production', '--watch', '--interval', '1s'],
      env,
    );
    let runs = 0;
    await new Promise<void>((resolve) =>
      child.stdout?.on('data', (chunk: Buffer) => {
        runs += chunk.toString().match(/^Run finished in/gm)?.length ?? 0;
        if (runs === 2) resolve();
      }),
    );
    child.kill('SIGTERM');
    const ran = await done;
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('SIGTERM: stopping after the current run');
    expect(ran.stdout.match(/production {2}unchanged v1/g)?.length).toBeGreaterThanOrEqual(2);
    // Each run says when it started and how it went; none reads as the process exiting.
    expect(ran.stdout.match(/^Run at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/gm)?.length).toBe(runs);
    expect(ran.stdout).toMatch(/^Run finished in .+: 1 tab unchanged\.$/m);
    expect(ran.stdout).not.toContain('exit code');
  });

  it('--watch under `npm run sync` stops when npm is sent SIGTERM, leaving no process behind', async () => {
    // What a service manager does: signal the npm process, not the node below it.
    const npm = spawn('npm', ['run', '-s', 'sync', '--', '--dry-run', '--dataset', 'production', '--watch'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => npm.once('exit', resolve));
    await new Promise<void>((resolve) =>
      npm.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Run finished in')) resolve();
      }),
    );
    const below = descendants(npm.pid ?? -1);
    expect(below.length).toBeGreaterThan(0);
    npm.kill('SIGTERM');
    await exited;
    const left = await stillAlive(() => below);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    expect(left).toEqual([]);
  });
});
