import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LocalWorker {
  url: string;
  /** Stops wrangler and the workerd it started (the whole process group). */
  stop(): Promise<void>;
}

export interface LocalWorkerOptions {
  port: number;
  /** Where wrangler's own output goes; the terminal keeps only what a newcomer needs. */
  logFile: string;
  startupTimeoutMs?: number;
}

// The package exports no bin path, so find it beside its package.json (which it does export).
const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin/wrangler.js',
);

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * `wrangler dev` with local KV and Durable Objects persisted under .wrangler/state, so a second start
 * finds the versions the first one published.
 */
export async function startLocalWorker(options: LocalWorkerOptions): Promise<LocalWorker> {
  const url = `http://127.0.0.1:${options.port}`;
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [
      wranglerBin,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--show-interactive-dev-session=false',
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      const killed = await Promise.race([exited(child).then(() => true), sleep(5_000).then(() => false)]);
      if (!killed) process.kill(-child.pid, 'SIGKILL');
      await exited(child);
    }
    log.end();
  };

  const deadline = Date.now() + (options.startupTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`The local Worker did not start on port ${options.port}; see ${options.logFile}.`);
}
