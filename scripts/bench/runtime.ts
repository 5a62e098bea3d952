import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { bundledWorker } from '../worker/bundled-worker.ts';
import { bundleWorker } from '../worker/wrangler.ts';
import { benchPaths } from './bench-paths.ts';
import { floorWorkerScript } from './floor-worker.ts';
import type { KvOperations } from './kv-operations.ts';

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

/**
 * The Worker's and its Durable Objects' Workers: the same bundle twice, the first binding the second's
 * classes (`scriptName`), so the Durable Objects run in an isolate of their own, as in production.
 */
export const isolates = { worker: 'assay', writer: 'assay-writer' } as const;
export type Isolate = keyof typeof isolates;

export interface BenchRuntime {
  /** The Assay Worker's own socket (no Miniflare entry proxy in between). */
  assay: string;
  /** The floor Worker's own socket, in the same workerd process. */
  floor: string;
  adminToken: string;
  workerdPids: number[];
  /** The Worker's DATASETS namespace, read from Node. */
  namespace(): Promise<KVNamespace>;
  /** workerd's inspector (DevTools protocol), listing one target per isolate. */
  inspector: URL;
  /** Each isolate's running total of KV operations (counted by the bench build's KV binding). */
  kvOperations(): Promise<Record<Isolate, KvOperations>>;
  /** A full garbage collection in each isolate (workerd runs with V8's --expose-gc). */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRuntime(bundle: string): Promise<BenchRuntime> {
  const adminToken = randomBytes(18).toString('base64url');
  const direct = [{ host: '127.0.0.1', port: 0 }];
  const assay = bundledWorker(bundle, { ADMIN_TOKEN: `bench:${adminToken}` });
  const elsewhere = Object.fromEntries(
    Object.entries(assay.durableObjects).map(([binding, object]) => [
      binding,
      { ...object, scriptName: isolates.writer },
    ]),
  );
  // Miniflare passes this variable's V8 flags to workerd (it has no option for them): `gc` lets the
  // bench start each heap measurement from what an isolate holds rather than its uncollected garbage.
  // Set for Miniflare, never read as a setting of ours.
  Object.assign(process.env, { MINIFLARE_WORKERD_V8_FLAGS: '--expose-gc' });
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      inspectorPort: 0,
      inspectorHost: '127.0.0.1',
      handleStructuredLogs: () => {},
      workers: [
        { ...assay, durableObjects: elsewhere, unsafeDirectSockets: direct },
        { ...assay, name: isolates.writer },
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
  const ask = async (name: string, path: string) =>
    (await miniflare.getWorker(name)).fetch(`http://bench${path}`);
  return {
    assay: await origin('assay'),
    floor: await origin('floor'),
    adminToken,
    workerdPids: descendants(process.pid).filter((pid) => commOf(pid) === 'workerd'),
    namespace: async () => (await miniflare.getKVNamespace('DATASETS', 'assay')) as unknown as KVNamespace,
    inspector: await miniflare.getInspectorURL(),
    async kvOperations() {
      const read = async (name: string) =>
        (await ask(name, benchPaths.kvOperations)).json() as Promise<KvOperations>;
      return { worker: await read(isolates.worker), writer: await read(isolates.writer) };
    },
    async collectGarbage() {
      for (const name of Object.values(isolates)) {
        const answer = await ask(name, benchPaths.collectGarbage);
        if (answer.status !== 204) throw new Error(`${name} cannot collect garbage (${answer.status})`);
      }
    },
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
