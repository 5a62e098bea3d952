import { createApp } from './app.tsx';
import { datasets } from './datasets/registry.ts';

export default createApp({ datasets });
export { DatasetWriter } from './publish/dataset-writer.ts';
