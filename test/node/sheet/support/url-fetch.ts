import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * A fake UrlFetchApp that makes real HTTP requests (to the Worker on loopback), synchronously as
 * Apps Script's does: the request runs on a helper thread while this one waits. Options as the
 * reference describes them: `method` (default get), `contentType`, `headers`, `payload`,
 * `muteHttpExceptions` (otherwise a 4xx or 5xx throws), `followRedirects` (default true).
 */
type Params = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

export interface FetchRecord {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  text?: string;
  error?: string;
}

export class FakeUrlFetchApp {
  readonly requests: FetchRecord[] = [];
  private readonly thread = new Worker(join(import.meta.dirname, 'fetch-thread.ts'));

  constructor() {
    this.thread.unref();
  }

  fetch(url: string, params: Params = {}) {
    const method = (params.method ?? 'get').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(params.headers ?? {}))
      headers[name.toLowerCase()] = String(value);
    if (params.contentType) headers['content-type'] = params.contentType;
    const body = typeof params.payload === 'string' ? params.payload : undefined;
    const answer = this.send({
      url,
      method,
      headers,
      body,
      redirect: params.followRedirects === false ? 'manual' : 'follow',
    });
    if (answer.error !== undefined)
      throw new Error(`Exception: Address unavailable: ${url} (${answer.error})`);
    const status = answer.status ?? 0;
    this.requests.push({
      url,
      method,
      headers,
      body: body === undefined ? undefined : JSON.parse(body),
      status,
    });
    const text = answer.text ?? '';
    if (status >= 400 && !params.muteHttpExceptions)
      throw new Error(
        `Exception: Request failed for ${url} returned code ${status}. Truncated server response: ${text.slice(0, 100)}`,
      );
    return {
      getResponseCode: () => status,
      getContentText: () => text,
      getHeaders: () => ({ ...answer.headers }),
    };
  }

  private send(request: {
    url: string;
    method: string;
    headers: Record<string, string>;
    body?: string;
    redirect: string;
  }): Answer {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    this.thread.postMessage({ ...request, signal, port: port2 }, [port2]);
    // Apps Script gives up on a request after about a minute; so does the fake, rather than hang a test.
    if (Atomics.wait(signal, 0, 0, 60_000) === 'timed-out')
      throw new Error(`Exception: Timeout: ${request.url}`);
    const message = receiveMessageOnPort(port1);
    port1.close();
    return (message?.message ?? { error: 'no answer' }) as Answer;
  }

  close() {
    return this.thread.terminate();
  }
}
