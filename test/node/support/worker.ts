import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare, type WorkerdStructuredLog } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

/**
 * The real Worker on loopback for end-to-end tests and the benchmark: Miniflare (the same workerd and
 * version wrangler uses) runs the bundle `npm run build` makes, with the bindings wrangler.toml
 * declares (the DATASETS KV namespace, the DATASET_WRITER SQLite Durable Object, [vars]) read through
 * wrangler itself, so they stay in step with the config. KV and Durable Object state live in memory
 * and go with `stop()`; ADMIN_TOKEN is a fresh token per worker, never the developer's .dev.vars one.
 */
export interface TestWorker {
  /** Origin, no trailing slash: `http://127.0.0.1:PORT`. */
  url: string;
  /** What a client sends as Bearer: the token part of the ADMIN_TOKEN binding. */
  adminToken: string;
  /** The raw binding, `label:token`. */
  adminTokenBinding: string;
  miniflare: Miniflare;
  stop(): Promise<void>;
}

export interface TestWorkerOptions {
  /**
   * The built Worker; defaults to $ASSAY_WORKER_BUNDLE (set by the tests' global setup), else
   * dist/index.js (run `npm run build` first: a stale dist serves a stale catalogue).
   */
  bundle?: string;
  /** Extra or overriding plain-text bindings (e.g. RETENTION). */
  bindings?: Record<string, string>;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The Worker's console output, one structured entry at a time; dropped by default. */
  onLog?: (log: WorkerdStructuredLog) => void;
}

const root = join(import.meta.dirname, '../../..');

export function workerBundlePath(): string {
  return process.env.ASSAY_WORKER_BUNDLE ?? join(root, 'dist/index.js');
}

export async function startWorker(options: TestWorkerOptions = {}): Promise<TestWorker> {
  // The bundle is one ES module, so wrangler's module rules (which Miniflare 5 cannot convert) are not needed.
  const { modulesRules, ...workerOptions } = unstable_getMiniflareWorkerOptions(
    join(root, 'wrangler.toml'),
  ).workerOptions;
  const adminToken = randomBytes(18).toString('base64url');
  const adminTokenBinding = `tests:${adminToken}`;
  const bundle = options.bundle ?? workerBundlePath();
  // wrangler hands out Miniflare 4-style options; Miniflare 5 converts them to its own shape.
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: options.port ?? 0,
      // The Worker logs a line per publish; tests read answers, not logs, unless they ask for them.
      handleStructuredLogs: options.onLog ?? (() => {}),
      workers: [
        {
          ...workerOptions,
          name: 'assay',
          // Module names are paths below the root, so the root is the bundle's own folder.
          rootPath: dirname(bundle),
          modules: true,
          scriptPath: bundle,
          bindings: {
            ...(workerOptions.bindings as Record<string, string> | undefined),
            ...options.bindings,
            ADMIN_TOKEN: adminTokenBinding,
          },
        },
      ],
    }),
  );
  const url = (await miniflare.ready).origin;
  return { url, adminToken, adminTokenBinding, miniflare, stop: () => miniflare.dispose() };
}

const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin/wrangler.js',
);

/**
 * `npm run build`'s command, into a folder of its own so parallel runs and a developer's dist/ never
 * clash. Returns the bundle's path.
 */
export async function buildWorker(outdir?: string): Promise<string> {
  const dir = outdir ?? (await mkdtemp(join(tmpdir(), 'assay-worker-')));
  const child = spawn(process.execPath, [wranglerBin, 'deploy', '--dry-run', '--outdir', dir], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`Building the Worker failed (exit ${code}):\n${output}`);
  return join(dir, 'index.js');
}
