/**
 * The thread behind the fake UrlFetchApp: it makes each request with fetch and hands the answer back
 * on the port, then wakes the caller, which is blocked in Atomics.wait as Apps Script's synchronous
 * UrlFetchApp.fetch blocks its script.
 */
import { parentPort } from 'node:worker_threads';

interface Request {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  redirect: 'follow' | 'manual';
  signal: Int32Array;
  port: MessagePort;
}

parentPort?.on('message', async ({ url, method, headers, body, redirect, signal, port }: Request) => {
  try {
    const response = await fetch(url, { method, headers, body, redirect });
    port.postMessage({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text: await response.text(),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    port.postMessage({ error: cause ?? (error as Error).message });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
