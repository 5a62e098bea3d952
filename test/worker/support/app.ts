import { env } from 'cloudflare:workers';
import { createApp } from '../../../src/app.tsx';
import type { DatasetDefinition } from '../../../src/datasets/types.ts';
import { createResponseCache } from '../../../src/http/response-cache.ts';
import { countingStore, type KvStore, kvStore, type ReadCounter } from '../../../src/store/kv.ts';
import { createReaderCaches } from '../../../src/store/reader.ts';
import { testDataset } from './test-dataset.ts';

/** A fresh app over the test's own KV, with its own isolate caches and a KV read counter. */
export function testApp(datasets: readonly DatasetDefinition[] = [testDataset]) {
  const counter: ReadCounter = { reads: 0 };
  const store = kvStore(env.DATASETS);
  /** Every key read, in order (a bulk read lists each of its keys). */
  const keysRead: string[] = [];
  const recording: KvStore = {
    ...store,
    getText(key) {
      keysRead.push(key);
      return store.getText(key);
    },
    getBytes(key) {
      keysRead.push(key);
      return store.getBytes(key);
    },
    getTexts(keys) {
      keysRead.push(...keys);
      return store.getTexts(keys);
    },
  };
  const caches = createReaderCaches();
  const responses = createResponseCache();
  const app = createApp({ datasets, store: () => countingStore(recording, counter), caches, responses });
  const request = (path: string, init?: RequestInit) => app.request(`http://assay.test${path}`, init, env);
  return { app, counter, keysRead, store, caches, responses, request };
}
