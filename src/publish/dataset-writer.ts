import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env.ts';
import { kvStore } from '../store/kv.ts';
import type { HistoryStore } from './history-store.ts';
import type { PublishRequest } from './publish-request.ts';
import { type PublishResult, publish, type VersionRows, versionRows } from './publisher.ts';
import { retryingStore } from './retrying-store.ts';
import { Serial } from './serial.ts';
import { sqlHistory } from './sql-history.ts';

/**
 * The single writer of one dataset (one object per dataset id, `getByName(id)`). KV cannot allocate a
 * version number atomically; this object can, because every publish of the dataset queues through it
 * and its SQLite history is the authority KV is copied from. Readers never call it.
 */
export class DatasetWriter extends DurableObject<Bindings> {
  readonly #serial = new Serial();
  readonly #history: HistoryStore;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.#history = sqlHistory(ctx.storage);
  }

  publish(request: PublishRequest): Promise<PublishResult> {
    return this.#serial.run(() => publish(this.#deps(), request));
  }

  /** Queued like a publish, so a rollback never reads pages that a prune is deleting. */
  versionRows(version: number): Promise<VersionRows> {
    return this.#serial.run(() => versionRows(this.#deps(), version));
  }

  #deps() {
    return { store: retryingStore(kvStore(this.env.DATASETS)), history: this.#history };
  }
}
