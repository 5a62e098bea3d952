/**
 * The bench build of the Worker: the production app and Durable Objects, unchanged, with a catalogue
 * that also lists the synthetic datasets (the Worker serves only registered datasets). Bundled by
 * `buildBenchWorker` (runtime.ts) into a temporary folder; `npm run build` never sees this file.
 */
import { createApp } from '../../src/app.tsx';
import { datasets } from '../../src/datasets/registry.ts';
import { benchDatasets } from './synthetic.ts';

export default createApp({ datasets: [...datasets, ...benchDatasets] });
export { LiveHub } from '../../src/live/live-hub.ts';
export { DatasetWriter } from '../../src/publish/dataset-writer.ts';
