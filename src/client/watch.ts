import { rowKey } from '../datasets/row-key.ts';
import type { Row } from '../datasets/types.ts';
import type { Delta, VersionNotice } from './types.ts';

export interface Snapshot<R> {
  version: number;
  rows: R[];
}

export interface WatchOptions {
  signal: AbortSignal;
  /** Told of failures the watch recovers from by itself (a refused socket, a failed fetch). */
  onError?: (error: unknown) => void;
}

export interface WatchDeps {
  baseUrl: string;
  fetch: typeof fetch;
  /** Null when WebSockets are unavailable or not wanted: the watch polls instead. */
  WebSocket: typeof WebSocket | null;
}

const maxBackoffMs = 30_000;
/** Up to a fifth more, so that many dashboards opened together do not poll in step. */
const jitter = (ms: number) => ms * (1 + Math.random() * 0.2);
const maxAgeOf = (response: Response) =>
  Number(/max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1] ?? 5);

/** Applies a delta by key: removed rows go, changed rows are replaced where they stood, added rows follow. */
export function applyDelta<R>(rows: readonly R[], delta: Delta<R>): R[] {
  const keyOf = (row: R) => rowKey(row as Row, delta.key);
  const gone = new Set(delta.removed.map(keyOf));
  const changed = new Map(delta.changed.map(({ after }) => [keyOf(after), after]));
  const kept = rows.filter((row) => !gone.has(keyOf(row))).map((row) => changed.get(keyOf(row)) ?? row);
  return [...kept, ...delta.added];
}

/**
 * Keeps a copy of a dataset current: the live socket says when a version is published, and only the
 * change since the copy's version is downloaded (the whole dataset again after a 410). Without a
 * socket it polls the latest version with If-None-Match at the response's max-age. Aborting the
 * signal closes the socket, cancels timers and requests, and nothing is sent after it.
 */
export function watchDataset<R>(
  deps: WatchDeps,
  id: string,
  onVersion: (snapshot: Snapshot<R>) => void,
  { signal, onError = () => {} }: WatchOptions,
): void {
  const path = `/v1/datasets/${encodeURIComponent(id)}`;
  let copy: Snapshot<R> | null = null;
  let etag: string | null = null;
  let maxAge = 5;
  let socket: WebSocket | null = null;
  let attempts = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  // One step at a time, so a delta is always applied to the version it starts from.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>) => {
    queue = queue.then(() => (signal.aborted ? undefined : step().catch(report)));
  };
  const report = (error: unknown) => {
    if (!signal.aborted) onError(error);
  };
  const get = (url: string, headers: Record<string, string> = {}) =>
    deps.fetch(`${deps.baseUrl}${url}`, { headers, signal });

  const emit = (next: Snapshot<R>) => {
    copy = next;
    if (!signal.aborted) onVersion(next);
  };

  async function refetch() {
    const response = await get(path, etag ? { 'if-none-match': etag } : {});
    maxAge = maxAgeOf(response);
    if (response.status === 304) return;
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    const body = (await response.json()) as { version: number; data: R[] };
    etag = response.headers.get('etag');
    if (!copy || body.version !== copy.version) emit({ version: body.version, rows: body.data });
  }

  async function catchUp(target: number) {
    if (!copy) return refetch();
    if (target <= copy.version) return;
    const response = await get(`${path}/changes?from=${copy.version}&to=${target}`);
    // 410: the copy's version is past retention, or a diff was too large; start again from the whole.
    if (!response.ok) return refetch();
    const delta = (await response.json()) as Delta<R>;
    etag = null;
    emit({ version: delta.to, rows: applyDelta(copy.rows, delta) });
  }

  function poll() {
    clearTimeout(pollTimer);
    if (signal.aborted || socket?.readyState === 1) return;
    pollTimer = setTimeout(
      () => {
        enqueue(refetch);
        poll();
      },
      jitter(maxAge * 1000),
    );
  }

  function connect() {
    const { WebSocket: Socket } = deps;
    if (!Socket || signal.aborted) return;
    const live = new Socket(`${deps.baseUrl.replace(/^http/, 'ws')}${path}/live`);
    socket = live;
    live.addEventListener('open', () => {
      attempts = 0;
      clearTimeout(pollTimer);
    });
    live.addEventListener('message', (event) => {
      const notice = JSON.parse(String(event.data)) as VersionNotice;
      enqueue(() => catchUp(notice.version));
    });
    live.addEventListener('close', () => {
      if (signal.aborted || socket !== live) return;
      socket = null;
      report(new Error(`The live socket of ${id} closed; polling until it reconnects.`));
      poll();
      reconnectTimer = setTimeout(connect, jitter(Math.min(maxBackoffMs, 1000 * 2 ** attempts++)));
    });
  }

  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(pollTimer);
      clearTimeout(reconnectTimer);
      socket?.close(1000, 'watch stopped');
      socket = null;
    },
    { once: true },
  );
  enqueue(refetch);
  if (deps.WebSocket) connect();
  else poll();
}
