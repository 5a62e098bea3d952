import type { DatasetDefinition } from './datasets/types.ts';
import type { DatasetReader } from './store/reader.ts';

export interface Bindings {
  DATASETS: KVNamespace;
}

export interface Variables {
  reader: DatasetReader;
  datasets: ReadonlyMap<string, DatasetDefinition>;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
