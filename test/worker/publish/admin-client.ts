import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { createApp } from '../../../src/app.tsx';
import type { DatasetDefinition } from '../../../src/datasets/types.ts';
import type { Bindings } from '../../../src/env.ts';
import { kvStore } from '../../../src/store/kv.ts';
import { createReaderCaches } from '../../../src/store/reader.ts';
import { testDataset } from '../support/test-dataset.ts';

/** The token vitest.config.ts gives the test Worker, under the label "tests". */
export const adminToken = 'test-admin-token';

/** The PUBLISH_TOKEN vitest.config.ts gives the test Worker, under the label "editors". */
export const publishToken = 'test-publish-token';

/** Headers that send the publish token instead of the admin one. */
export const asEditor = { authorization: `Bearer ${publishToken}` };

/** The test dataset under another id, so each test in a file has a writer and keys of its own. */
export function datasetNamed(id: string, extra: Partial<DatasetDefinition> = {}): DatasetDefinition {
  return { ...testDataset, id, ...extra };
}

export interface AdminClientOptions {
  datasets?: readonly DatasetDefinition[];
  vars?: Partial<Bindings>;
  /** Stands in for the runtime's (Workers Cache purging is not emulated locally). */
  executionCtx?: ExecutionContext;
}

/** An app over the test's KV and real Durable Objects, with helpers that speak the admin API. */
export function adminClient(options: AdminClientOptions = {}) {
  const app = createApp({
    datasets: options.datasets ?? [testDataset],
    caches: createReaderCaches(),
  });
  const bindings = { ...env, ...options.vars };
  const request = (path: string, init?: RequestInit) =>
    app.request(`http://assay.test${path}`, init, bindings, options.executionCtx);
  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(path, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  return {
    app,
    store: kvStore(env.DATASETS),
    request,
    put: (id: string, body: unknown, headers?: Record<string, string>) =>
      send('PUT', `/admin/v1/datasets/${id}`, body, headers),
    /** A publish in NDJSON: the body as given (text, or a stream of chunks). */
    putNdjson: (id: string, body: string | ReadableStream<Uint8Array>) =>
      request(`/admin/v1/datasets/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/x-ndjson' },
        body,
        ...(typeof body !== 'string' && { duplex: 'half' }),
      } as RequestInit),
    rollback: (id: string, body: unknown, headers?: Record<string, string>) =>
      send('POST', `/admin/v1/datasets/${id}/rollback`, body, headers),
    sheet: (id: string, body: unknown, headers?: Record<string, string>) =>
      send('POST', `/admin/v1/datasets/${id}/sheet`, body, headers),
  };
}

/**
 * A problem+json answer of `status`, never cached, quoting no stack frame and no token, and with a
 * detail matching `detail` if given; its body, typed as the caller expects.
 */
export async function expectProblem<T extends { status: number; detail: string }>(
  res: Response,
  status: number,
  detail?: RegExp,
): Promise<T> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = await res.json<T>();
  expect(body.status).toBe(status);
  expect(JSON.stringify(body)).not.toMatch(new RegExp(`\\bat .*\\.ts:\\d+|${adminToken}|${publishToken}`));
  if (detail) expect(body.detail).toMatch(detail);
  return body;
}

/**
 * How many public reads the app answered while `work` (a large publish or check) ran: each read is
 * sent as a new event, as it would come from the network, not as a continuation of the work.
 */
export async function readsAnsweredDuring<T>(
  client: ReturnType<typeof adminClient>,
  work: Promise<T>,
): Promise<{ answered: number; result: T }> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  let answered = 0;
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if ((await client.request('/healthz')).ok) answered++;
  }
  return { answered, result: await finished };
}
