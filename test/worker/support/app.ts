import { env } from 'cloudflare:workers';
import { createApp } from '../../../src/app.tsx';
import type { DatasetDefinition } from '../../../src/datasets/types.ts';
import { createResponseCache } from '../../../src/http/response-cache.ts';
import { countingStore, kvStore, type ReadCounter } from '../../../src/store/kv.ts';
import { createReaderCaches } from '../../../src/store/reader.ts';
import { testDataset } from './test-dataset.ts';

/** A fresh app over the test's own KV, with its own isolate caches and a KV read counter. */
export function testApp(datasets: readonly DatasetDefinition[] = [testDataset]) {
  const counter: ReadCounter = { reads: 0 };
  const store = kvStore(env.DATASETS);
  const caches = createReaderCaches();
  const responses = createResponseCache();
  const app = createApp({ datasets, store: () => countingStore(store, counter), caches, responses });
  const request = (path: string, init?: RequestInit) => app.request(`http://assay.test${path}`, init, env);
  return { app, counter, store, caches, responses, request };
}
