import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { bundleWorker } from '../../../scripts/worker/wrangler.ts';

/**
 * Builds the Worker once per test run, as `npm run build` does, for every Node test that starts it
 * (test/node/support/worker.ts reads ASSAY_WORKER_BUNDLE). Test workers inherit the variable.
 */
export default async function setup() {
  const bundle = await bundleWorker();
  process.env.ASSAY_WORKER_BUNDLE = bundle;
  return async () => {
    await rm(dirname(bundle), { recursive: true, force: true });
  };
}
