import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env.ts';
import { announceToHub } from '../live/live-hub.ts';
import { acceptSubscriber, broadcast, closeSocket, keepSocketsAlive } from '../live/sockets.ts';
import { versionNotice } from '../live/version-notice.ts';
import { kvStore } from '../store/kv.ts';
import { summarize } from '../store/records.ts';
import type { HistoryStore } from './history-store.ts';
import { keyedLines, RowsCut } from './keyed-line-stream.ts';
import type { PublishRequest } from './publish-request.ts';
import {
  type PublishResult,
  pruneLeft,
  prunesLeft,
  publish,
  type StoredVersion,
  storedVersion,
} from './publisher.ts';
import { retryingStore } from './retrying-store.ts';
import { Serial } from './serial.ts';
import { sqlHistory } from './sql-history.ts';

/**
 * How long after a publish or a run that left pruning to do the alarm prunes again: KV's list may
 * show deleted keys for up to a minute, so a run at once could spend its budget deleting them again.
 */
const pruneDelayMs = 30_000;

/**
 * The single writer of one dataset (one object per dataset id, `getByName(id)`). KV cannot allocate a
 * version number atomically; this object can, because every publish of the dataset queues through it
 * and its SQLite history is the authority KV is copied from. Readers never call it, except to
 * subscribe to `/v1/datasets/{id}/live`: it sees every publish and rollback, so it tells them.
 */
export class DatasetWriter extends DurableObject<Bindings> {
  readonly #serial = new Serial();
  readonly #history: HistoryStore;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.#history = sqlHistory(ctx.storage);
    keepSocketsAlive(ctx);
  }

  /**
   * Publishes the rows streamed by the Worker (`rowSender`): validated there, staged and written here.
   * Subscribers hear of any version that became the latest meanwhile: the publish's own, or one an
   * earlier call left unfinished and this one finished (`recover`), whatever this one's outcome.
   */
  async publish(request: PublishRequest, rows: ReadableStream<Uint8Array>): Promise<PublishResult> {
    let moved = false;
    try {
      return await this.#serial.run(async (): Promise<PublishResult> => {
        const before = this.#history.latest()?.meta.version;
        try {
          return await publish(this.#deps(), request, keyedLines(rows));
        } catch (error) {
          // An answer, not an error: the Worker that cut the rows short has its own (a 400, 413 or 422).
          if (error instanceof RowsCut) return { outcome: 'cut' };
          throw error;
        } finally {
          moved = this.#history.latest()?.meta.version !== before;
        }
      });
    } finally {
      if (moved) this.#announce();
      await this.#pruneLater();
    }
  }

  /** Goes on pruning what publishes left (`pruneLeft`), a run at a time, each its own invocation. */
  override async alarm(): Promise<void> {
    await this.#serial.run(() => pruneLeft(this.#deps()));
    await this.#pruneLater();
  }

  /** Sets the alarm if versions past retention still hold rows. */
  async #pruneLater(): Promise<void> {
    if (prunesLeft(this.#history)) await this.ctx.storage.setAlarm(Date.now() + pruneDelayMs);
  }

  /** A live subscriber (the route checked the upgrade); it first learns the current version. */
  override fetch(): Response {
    return acceptSubscriber(this.ctx, this.#currentNotice());
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    closeSocket(socket, code, reason);
  }

  #currentNotice() {
    const latest = this.#history.latest();
    return latest ? [versionNotice(summarize(latest.meta))] : [];
  }

  #announce() {
    const [notice] = this.#currentNotice();
    if (!notice) return;
    broadcast(this.ctx, notice);
    // The publish's answer does not wait for /v1/live; the hub drops a notice older than one it holds.
    this.ctx.waitUntil(announceToHub(this.env, notice));
  }

  /**
   * Queued like a publish, so it answers from the history as the last publish left it. A prune that
   * follows may still delete the pages while the Worker reads them: the rollback then fails with a 503,
   * and trying again says the version is gone.
   */
  storedVersion(version: number): Promise<StoredVersion> {
    return this.#serial.run(async () => storedVersion(this.#deps(), version));
  }

  #deps() {
    return { store: retryingStore(kvStore(this.env.DATASETS)), history: this.#history };
  }
}
