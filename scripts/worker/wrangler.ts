import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const root = join(import.meta.dirname, '../..');

// The package exports no bin path, so find it beside its package.json (which it does export).
export const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin/wrangler.js',
);

/**
 * `npm run build`'s command (`wrangler deploy --dry-run`: same wrangler.toml, bundler settings and
 * minification), on this Node, into a fresh folder of its own so parallel runs and a developer's
 * dist/ never clash. `entry` replaces wrangler.toml's `main`; `minify: false` keeps names readable in
 * a CPU profile. Returns the bundle's path, or throws with wrangler's output.
 */
export async function bundleWorker(entry?: string, options: { minify?: false } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'assay-worker-'));
  const minify = options.minify === false ? ['--minify=false'] : [];
  const child = spawn(
    process.execPath,
    [wranglerBin, 'deploy', '--dry-run', ...minify, '--outdir', dir, ...(entry ? [entry] : [])],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`Building the Worker failed (exit ${code}):\n${output}`);
  return join(dir, entry ? basename(entry).replace(/\.ts$/, '.js') : 'index.js');
}
