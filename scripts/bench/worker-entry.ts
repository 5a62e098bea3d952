/**
 * The bench build of the Worker: the production app and Durable Objects, unchanged, with a catalogue
 * that also lists the synthetic datasets (the Worker serves only registered datasets), the KV
 * binding counting its operations, and two paths of its own (bench-paths.ts). Bundled by `buildBenchWorker` (runtime.ts) into a temporary folder; `npm run build` never
 * sees this file.
 */
import { createApp } from '../../src/app.tsx';
import { datasets } from '../../src/datasets/registry.ts';
import type { Bindings } from '../../src/env.ts';
import { DatasetWriter as ProductionWriter } from '../../src/publish/dataset-writer.ts';
import { benchPaths } from './bench-paths.ts';
import { countingNamespace, noKvOperations } from './kv-operations.ts';
import { benchDatasets } from './synthetic.ts';

/** Every KV operation of this isolate, whether the Worker or a Durable Object made it. */
const tally = noKvOperations();
// One counted env per env the runtime hands over: the app keeps its parsed config per env object.
const countedEnvs = new WeakMap<Bindings, Bindings>();
function counted(env: Bindings): Bindings {
  let wrapped = countedEnvs.get(env);
  if (!wrapped) {
    wrapped = { ...env, DATASETS: countingNamespace(env.DATASETS, tally) };
    countedEnvs.set(env, wrapped);
  }
  return wrapped;
}

const app = createApp({ datasets: [...datasets, ...benchDatasets] });

export default {
  fetch(request: Request, env: Bindings, ctx: ExecutionContext) {
    // The app's requests pass on unparsed, as in the deployed Worker (src/index.ts), so the bench
    // measures the app rather than this entry.
    if (request.url.includes(benchPaths.prefix)) {
      const { pathname } = new URL(request.url);
      if (pathname === benchPaths.kvOperations) return Response.json(tally);
      if (pathname === benchPaths.collectGarbage) return collectGarbage();
    }
    return app.fetch(request, counted(env), ctx);
  },
} satisfies ExportedHandler<Bindings>;

/**
 * A full garbage collection of this isolate, when the runtime exposes `gc` (runtime.ts starts workerd
 * with V8's --expose-gc), so a measurement starts from the heap the isolate holds, not its garbage.
 */
function collectGarbage(): Response {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return new Response(null, { status: gc ? 204 : 501 });
}

export class DatasetWriter extends ProductionWriter {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, counted(env));
  }
}
export { LiveHub } from '../../src/live/live-hub.ts';
