/** What scripts/bench/profile.ts bundles for Node (Node cannot load .tsx): the bench catalogue's app. */
import { createApp } from '../../src/app.tsx';
import { datasets } from '../../src/datasets/registry.ts';
import type { KvStore } from '../../src/store/kv.ts';
import { benchDatasets } from './synthetic.ts';

export const profileApp = (store: KvStore) =>
  createApp({ datasets: [...datasets, ...benchDatasets], store: () => store });
