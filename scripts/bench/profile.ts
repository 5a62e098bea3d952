/**
 * `node scripts/bench/profile.ts`: where a request's JavaScript time goes, outside workerd. Publishes
 * the 100-row synthetic dataset through the bench Worker in Miniflare, copies its KV records into
 * memory, then runs the same app (createApp, same catalogue) in Node on those records and times
 * requests route by route; with `--cpu-prof` Node also writes a V8 CPU profile to inspect.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Bindings } from '../../src/env.ts';
import type { KvStore } from '../../src/store/kv.ts';
import { putDatasetOrThrow } from './publish.ts';
import { buildBenchWorker, startRuntime } from './runtime.ts';
import { syntheticRows } from './synthetic.ts';

const runtime = await startRuntime(await buildBenchWorker());
const records = new Map<string, Uint8Array>();
try {
  await putDatasetOrThrow(
    runtime.assay,
    runtime.adminToken,
    'bench-100',
    JSON.stringify({ rows: syntheticRows(100) }),
  );
  const kv = await runtime.namespace();
  for (const { name } of (await kv.list()).keys) {
    records.set(name, new Uint8Array((await kv.get(name, 'arrayBuffer')) as ArrayBuffer));
  }
} finally {
  await runtime.stop();
}

const decoder = new TextDecoder();
const memory: KvStore = {
  getText: async (key) => (records.has(key) ? decoder.decode(records.get(key)) : null),
  getBytes: async (key) => (records.get(key)?.slice().buffer as ArrayBuffer | undefined) ?? null,
  getTexts: async (keys) =>
    new Map(keys.flatMap((k) => (records.has(k) ? [[k, decoder.decode(records.get(k))]] : []))),
  put: async () => {},
  delete: async () => {},
  list: async (prefix) => [...records.keys()].filter((key) => key.startsWith(prefix)),
};
const outfile = join(await mkdtemp(join(tmpdir(), 'assay-profile-')), 'app.mjs');
await build({
  entryPoints: [join(import.meta.dirname, 'profile-app.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile,
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  logLevel: 'warning',
});
const { profileApp } = (await import(pathToFileURL(outfile).href)) as typeof import('./profile-app.ts');
const app = profileApp(memory);
const env = {} as Bindings;
const etag = (await app.request('/v1/datasets/bench-100', {}, env)).headers.get('etag') ?? '';

const cases: [string, string, Record<string, string>][] = [
  ['healthz', '/healthz', {}],
  ['latest 100 rows, 304', '/v1/datasets/bench-100', { 'if-none-match': etag }],
  ['latest 100 rows (JSON)', '/v1/datasets/bench-100', {}],
  ['page of 100 rows', '/v1/datasets/bench-100?limit=100&offset=0', {}],
];
const n = 20_000;
for (const [name, path, headers] of cases) {
  for (let i = 0; i < 2_000; i++) await (await app.request(path, { headers }, env)).arrayBuffer();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await (await app.request(path, { headers }, env)).arrayBuffer();
  console.log(`${name}: ${(((performance.now() - t0) * 1000) / n).toFixed(1)} µs a request`);
}
