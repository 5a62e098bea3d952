import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { localOrigin } from '../local/port.ts';
import { wranglerBin } from '../worker/wrangler.ts';

export interface LocalWorker {
  url: string;
  /** Resolves once the Worker answers /healthz; rejects (after stopping it) if it never does. */
  ready: Promise<void>;
  /** Stops wrangler and the workerd it started (the whole process group), at any moment. */
  stop(): Promise<void>;
}

export interface LocalWorkerOptions {
  port: number;
  /** Where wrangler's own output goes; the terminal keeps only what a newcomer needs. */
  logFile: string;
  startupTimeoutMs?: number;
}

function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * wrangler runs workerd as its own children, which outlive it by a moment: wait until the whole group
 * is gone, and kill what is left after a grace period.
 */
async function stopGroup(groupId: number, graceMs = 5_000): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-groupId, name);
    } catch {
      // The group is already gone.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(groupId) && Date.now() < deadline) await sleep(100);
  if (groupAlive(groupId)) signal('SIGKILL');
  while (groupAlive(groupId)) await sleep(50);
}

/**
 * `wrangler dev` with local KV and Durable Objects persisted under .wrangler/state, so a second start
 * finds the versions the first one published. Returns as soon as it is spawned, so whoever started it
 * can stop it even while it is still starting.
 */
export function startLocalWorker(options: LocalWorkerOptions): LocalWorker {
  const url = localOrigin(options.port);
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
      // No telemetry, and no fetch of Cloudflare's request.cf sample: a local run stays off the network.
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (child.pid !== undefined) await stopGroup(child.pid);
      log.end();
    })();
    return stopped;
  };

  const ready = (async () => {
    const deadline = Date.now() + (options.startupTimeoutMs ?? 60_000);
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(250);
    }
    await stop();
    throw new Error(`The local Worker did not start on port ${options.port}; see ${options.logFile}.`);
  })();
  return { url, ready, stop };
}
