import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { bundledWorker } from '../worker/bundled-worker.ts';
import { bundleWorker } from '../worker/wrangler.ts';
import { floorWorkerScript } from './floor-worker.ts';

/**
 * `npm run build` exactly, except for the entry module: scripts/bench/worker-entry.ts, whose
 * catalogue adds the synthetic datasets.
 */
export const buildBenchWorker = (options: { minify?: false } = {}) =>
  bundleWorker('scripts/bench/worker-entry.ts', options);

/** `npm run build` itself, to check that the deployed bundle still builds and carries no bench code. */
export async function buildDeployedWorker(): Promise<{ path: string; bytes: number; clean: boolean }> {
  const path = await bundleWorker();
  const text = readFileSync(path, 'utf8');
  return { path, bytes: Buffer.byteLength(text), clean: !text.includes('bench-100k') };
}

export interface BenchRuntime {
  /** The Assay Worker's own socket (no Miniflare entry proxy in between). */
  assay: string;
  /** The floor Worker's own socket, in the same workerd process. */
  floor: string;
  adminToken: string;
  workerdPids: number[];
  /** The Worker's DATASETS namespace, read from Node. */
  namespace(): Promise<KVNamespace>;
  /** The DevTools WebSocket of the Assay isolate, when started with `inspector: true`. */
  inspector(): Promise<string>;
  stop(): Promise<void>;
}

export async function startRuntime(
  bundle: string,
  options: { inspector?: boolean } = {},
): Promise<BenchRuntime> {
  const adminToken = randomBytes(18).toString('base64url');
  const direct = [{ host: '127.0.0.1', port: 0 }];
  const assay = bundledWorker(bundle, { ADMIN_TOKEN: `bench:${adminToken}` });
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      ...(options.inspector && { inspectorPort: 0, inspectorHost: '127.0.0.1' }),
      handleStructuredLogs: () => {},
      workers: [
        { ...assay, unsafeDirectSockets: direct },
        {
          name: 'floor',
          modules: true,
          script: floorWorkerScript,
          compatibilityDate: assay.compatibilityDate,
          unsafeDirectSockets: direct,
        },
      ],
    }),
  );
  await miniflare.ready;
  const origin = async (name: string) => (await miniflare.unsafeGetDirectURL(name)).origin;
  return {
    assay: await origin('assay'),
    floor: await origin('floor'),
    adminToken,
    workerdPids: descendants(process.pid).filter((pid) => commOf(pid) === 'workerd'),
    namespace: async () => (await miniflare.getKVNamespace('DATASETS', 'assay')) as unknown as KVNamespace,
    inspector: async () => `ws://${(await miniflare.getInspectorURL()).host}/core:user:assay`,
    stop: () => miniflare.dispose(),
  };
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function childrenOf(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return [];
  return readdirSync(tasks).flatMap((tid) => {
    try {
      return readFileSync(`${tasks}/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

function descendants(pid: number): number[] {
  const direct = childrenOf(pid);
  return [...direct, ...direct.flatMap(descendants)];
}

/** Pins every thread of a process to one core with taskset; false when taskset is missing or refuses. */
export function pin(pid: number, core: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-pc', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Resident and peak resident memory of a process, in bytes (Linux /proc). */
export function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** CPU time a process has used so far (user + system, all threads), in milliseconds (Linux /proc). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which sits in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks * 10; // USER_HZ is 100 on Linux.
  } catch {
    return 0;
  }
}
