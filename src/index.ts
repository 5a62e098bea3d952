import { createApp } from './app.tsx';
import { datasets } from './datasets/registry.ts';

export default createApp({ datasets });
export { LiveHub } from './live/live-hub.ts';
export { DatasetWriter } from './publish/dataset-writer.ts';
