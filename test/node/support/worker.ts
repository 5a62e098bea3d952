import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare, type WorkerdStructuredLog } from 'miniflare';
import { bundledWorker } from '../../../scripts/worker/bundled-worker.ts';
import { root } from '../../../scripts/worker/wrangler.ts';

/**
 * The real Worker on loopback for end-to-end tests: Miniflare (the same workerd and
 * version wrangler uses) runs the bundle `npm run build` makes, with the bindings wrangler.toml
 * declares (the DATASETS KV namespace, the DATASET_WRITER SQLite Durable Object, [vars]) read through
 * wrangler itself, so they stay in step with the config. KV and Durable Object state live in memory
 * and go with `stop()`; ADMIN_TOKEN and PUBLISH_TOKEN are fresh tokens per worker, never the
 * developer's .dev.vars ones.
 */
export interface TestWorker {
  /** Origin, no trailing slash: `http://127.0.0.1:PORT`. */
  url: string;
  /** What a client sends as Bearer: the token part of the ADMIN_TOKEN binding. */
  adminToken: string;
  /** The raw binding, `label:token`. */
  adminTokenBinding: string;
  /** What an editor's client sends as Bearer: the token of the PUBLISH_TOKEN binding (label `editors`). */
  publishToken: string;
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

export function workerBundlePath(): string {
  return process.env.ASSAY_WORKER_BUNDLE ?? join(root, 'dist/index.js');
}

export async function startWorker(options: TestWorkerOptions = {}): Promise<TestWorker> {
  const adminToken = randomBytes(18).toString('base64url');
  const adminTokenBinding = `tests:${adminToken}`;
  const publishToken = randomBytes(18).toString('base64url');
  const bundle = options.bundle ?? workerBundlePath();
  // wrangler hands out Miniflare 4-style options; Miniflare 5 converts them to its own shape.
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: options.port ?? 0,
      // The Worker logs a line per publish; tests read answers, not logs, unless they ask for them.
      handleStructuredLogs: options.onLog ?? (() => {}),
      workers: [
        bundledWorker(bundle, {
          ...options.bindings,
          ADMIN_TOKEN: adminTokenBinding,
          PUBLISH_TOKEN: `editors:${publishToken}`,
        }),
      ],
    }),
  );
  const url = (await miniflare.ready).origin;
  return { url, adminToken, adminTokenBinding, publishToken, miniflare, stop: () => miniflare.dispose() };
}
