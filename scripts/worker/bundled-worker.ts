import { dirname, join } from 'node:path';
import type { V4DurableObject } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { root } from './wrangler.ts';

/**
 * Miniflare options (v4 shape, for `convertV4MiniflareOptions`) that run a built bundle with the
 * bindings wrangler.toml declares, read through wrangler itself so they stay in step with the config,
 * plus `bindings` on top.
 */
export function bundledWorker(bundle: string, bindings: Record<string, string>) {
  // The bundle is one ES module, so wrangler's module rules (which Miniflare 5 cannot convert) are not needed.
  const { modulesRules: _rules, ...workerOptions } = unstable_getMiniflareWorkerOptions(
    join(root, 'wrangler.toml'),
  ).workerOptions;
  return {
    ...workerOptions,
    name: 'assay',
    // Spelled out so its type survives the spread: a second Worker beside this one can share it.
    compatibilityDate: workerOptions.compatibilityDate as string,
    // Also spelled out, so a second Worker can host these classes (`scriptName`) instead.
    durableObjects: workerOptions.durableObjects as Record<string, V4DurableObject>,
    // Module names are paths below the root, so the root is the bundle's own folder.
    rootPath: dirname(bundle),
    modules: true,
    scriptPath: bundle,
    bindings: { ...(workerOptions.bindings as Record<string, string> | undefined), ...bindings },
  };
}
