import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env.ts';
import { logEvent } from '../log-event.ts';
import { acceptSubscriber, broadcast, closeSocket, keepSocketsAlive } from './sockets.ts';
import type { VersionNotice } from './version-notice.ts';

/**
 * The one object behind `GET /v1/live` (`getByName('all')`): every dataset's writer tells it of each
 * publish, and it passes the notice to every subscriber. It keeps the latest notice per dataset, so a
 * new subscriber first learns where every dataset stands.
 */
export class LiveHub extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    keepSocketsAlive(ctx);
  }

  override async fetch(): Promise<Response> {
    const latest = await this.ctx.storage.list<VersionNotice>();
    return acceptSubscriber(this.ctx, [...latest.values()]);
  }

  async announce(notice: VersionNotice): Promise<void> {
    const held = await this.ctx.storage.get<VersionNotice>(notice.dataset);
    // Writers of different datasets call concurrently; within a dataset a late notice never wins.
    if (held && held.version >= notice.version) return;
    await this.ctx.storage.put(notice.dataset, notice);
    broadcast(this.ctx, notice);
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    closeSocket(socket, code, reason);
  }

  override webSocketError(_socket: WebSocket, error: unknown): void {
    logEvent('live.socket-error', { message: String(error) }, 'error');
  }
}

/** Tells the hub; a failure is logged, never the publish's: the version is live either way. */
export async function announceToHub(env: Bindings, notice: VersionNotice): Promise<void> {
  try {
    await env.LIVE_HUB.getByName('all').announce(notice);
  } catch (error) {
    logEvent(
      'live.announce-failed',
      { dataset: notice.dataset, version: notice.version, message: String(error) },
      'error',
    );
  }
}
