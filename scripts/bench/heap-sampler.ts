import { performance } from 'node:perf_hooks';
import { type HeapPeak, heapPeaks } from './heap-peaks.ts';

/**
 * Each isolate's JS heap, read through workerd's inspector (the DevTools protocol) with Node's own
 * WebSocket client. Miniflare's `inspectorPort` opens it; `/json` lists one target per Worker, named
 * `core:user:<worker name>`, and each Worker runs in its own isolate.
 */

/** The inspector's WebSocket URL of each named Worker, from `http://<inspector>/json`. */
export async function isolateTargets(
  inspector: URL,
  workers: readonly string[],
): Promise<Map<string, string>> {
  const listed = (await (await fetch(`http://${inspector.host}/json`)).json()) as {
    id: string;
    webSocketDebuggerUrl: string;
  }[];
  const targets = new Map<string, string>();
  for (const name of workers) {
    const target = listed.find((t) => t.id === `core:user:${name}`);
    if (!target) throw new Error(`The inspector lists no isolate for the Worker "${name}"`);
    targets.set(name, target.webSocketDebuggerUrl);
  }
  return targets;
}

/** One DevTools connection: commands out, their answers back by id. */
export interface DevtoolsSession {
  call<T>(method: string, params?: Record<string, unknown>): Promise<T>;
  close(): void;
}

export async function openSession(url: string): Promise<DevtoolsSession> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`Cannot connect to the inspector at ${url}`)), {
      once: true,
    });
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const pending = message.id === undefined ? undefined : waiting.get(message.id);
    if (!pending || message.id === undefined) return;
    waiting.delete(message.id);
    if (message.error) pending.reject(new Error(message.error.message));
    else pending.resolve(message.result);
  });
  socket.addEventListener('close', () => {
    for (const pending of waiting.values()) pending.reject(new Error('The inspector closed the connection'));
    waiting.clear();
  });
  return {
    call<T>(method: string, params?: Record<string, unknown>) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        socket.send(JSON.stringify({ id, method, ...(params && { params }) }));
      });
    },
    close: () => socket.close(),
  };
}

interface HeapUsage {
  usedSize: number;
  totalSize: number;
}

/**
 * Samples every session's heap about every `intervalMs` until `stop()`, which answers each isolate's
 * peaks. A sample waits for the previous answer, so an isolate busy in one long task is sampled once
 * when it frees up (its `max_gap_ms` says so) rather than queueing requests behind it.
 */
export async function sampleHeaps(sessions: ReadonlyMap<string, DevtoolsSession>, intervalMs = 25) {
  let running = true;
  const loops = [...sessions].map(async ([name, session]) => {
    const peaks = heapPeaks();
    while (running) {
      const asked = performance.now();
      // A runtime that went away ends the sampling with the peaks so far; the request reports why.
      const usage = await session.call<HeapUsage>('Runtime.getHeapUsage').catch(() => undefined);
      if (!usage) break;
      peaks.add({ at: performance.now(), ...usage });
      const wait = intervalMs - (performance.now() - asked);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return [name, peaks.result()] as const;
  });
  // Let the first sample of each isolate arrive before the measured work starts.
  await new Promise((resolve) => setTimeout(resolve, intervalMs * 2));
  return {
    async stop(): Promise<Record<string, HeapPeak>> {
      running = false;
      return Object.fromEntries(await Promise.all(loops));
    },
  };
}
