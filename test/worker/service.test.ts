import { env, exports } from 'cloudflare:workers';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it, vi } from 'vitest';
import { operators as filterOperators } from '../../src/query/filters.ts';
import { testApp } from './support/app.ts';
import { seedVersions } from './support/seed.ts';
import { items, testDataset } from './support/test-dataset.ts';

const worker = (path: string, init?: RequestInit) => exports.default.fetch(`http://assay.test${path}`, init);

describe('the deployed Worker', () => {
  it('is alive', async () => {
    const res = await worker('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    // Uptime monitors add cache-busters; liveness has nothing a query could change.
    const busted = await worker('/healthz?t=1732870000');
    expect(busted.status).toBe(200);
    expect(busted.headers.get('cache-control')).toBe('no-store');
  });

  it('publishes an OpenAPI 3.1 document declaring every route and query parameter', async () => {
    const res = await worker('/openapi.json');
    const doc = await res.json<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: {
              name: string;
              schema: { minimum?: number; maximum?: number; enum?: string[] };
            }[];
            responses: Record<string, { headers?: Record<string, { required?: boolean }> }>;
          }
        >
      >;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/datasets',
      '/v1/datasets/{id}',
      '/v1/datasets/{id}/versions',
      '/v1/datasets/{id}/versions/{n}',
      '/v1/datasets/{id}/schema',
      '/v1/datapackage.json',
      '/v1/datasets/{id}/versions/{n}/datapackage.json',
      '/healthz',
    ]) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    const params = doc.paths['/v1/datasets/{id}']?.get?.parameters?.map((p) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['id', 'limit', 'offset', 'fields', 'sort', 'format', 'q', 'facet', 'filter']),
    );
    const bounds = (path: string, name: string) => {
      const schema = doc.paths[path]?.get?.parameters?.find((p) => p.name === name)?.schema;
      return [schema?.minimum, schema?.maximum];
    };
    expect(bounds('/v1/datasets/{id}', 'limit')).toEqual([1, 10_000]);
    expect(bounds('/v1/datasets/{id}/versions/{n}', 'n')).toEqual([1, 999_999_999]);
    // Each filter operator is declared with what it takes.
    const operators = (doc as { components?: { schemas?: Record<string, { properties?: object }> } })
      .components?.schemas?.FilterOperators?.properties;
    expect(Object.keys(operators ?? {})).toEqual([...filterOperators]);
    const format = doc.paths['/v1/datasets/{id}']?.get?.parameters?.find((p) => p.name === 'format');
    expect(format?.schema.enum).toEqual(['json', 'csv', 'ndjson']);
    for (const status of ['200', '304']) {
      const headers = doc.paths['/v1/datasets/{id}/versions/{n}']?.get?.responses[status]?.headers ?? {};
      expect(Object.keys(headers), status).toEqual(['ETag', 'Cache-Control', 'Last-Modified', 'Cache-Tag']);
      expect(headers.ETag?.required, status).toBe(true);
    }
  });

  it('renders a readable API reference, cacheable and revalidated by ETag', async () => {
    const res = await worker('/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const again = await worker('/docs', { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    const html = await res.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('/v1/datasets/{id}/versions/{n}');
    expect(html).toContain('filter');
  });

  it('answers CORS preflights for the public API', async () => {
    const res = await worker('/v1/datasets/production', {
      method: 'OPTIONS',
      headers: { origin: 'https://dashboard.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS');
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('lets a page in another origin read the Link to the next CSV page', async () => {
    const { request, store } = testApp();
    await seedVersions(store, testDataset, [items(5)]);
    const res = await request('/v1/datasets/test-items?format=csv&limit=2', {
      headers: { origin: 'https://dashboard.example' },
    });
    expect(res.headers.get('link')).toContain('rel="next"');
    expect(res.headers.get('access-control-expose-headers')?.split(',')).toContain('Link');
  });

  it.each(['/openapi.json', '/docs'])(
    'refuses a query on %s like every route without parameters',
    async (path) => {
      const res = await worker(`${path}?x=1`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        parameter: 'x',
        detail: `${path} takes no query parameters; remove "x".`,
      });
    },
  );

  it('sends problem+json for unknown paths', async () => {
    const res = await worker('/v2/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('errors', () => {
  it('reshapes plain HTTPExceptions from middleware as problem+json, and hides unexpected ones', async () => {
    const { app, request } = testApp();
    app.get('/plain', () => {
      throw new HTTPException(413, { message: 'Payload Too Large' });
    });
    app.get('/crash', () => {
      throw new Error('secret internals at /src/x.ts:1');
    });
    const plain = await request('/plain');
    expect(plain.status).toBe(413);
    expect(plain.headers.get('content-type')).toContain('application/problem+json');
    expect(await plain.json()).toMatchObject({ status: 413, detail: 'Payload Too Large' });
    const crash = await request('/crash');
    expect(crash.status).toBe(500);
    expect(await crash.text()).not.toContain('secret');
  });
});

describe('configuration', () => {
  it('answers every request with a problem naming a bad setting, and logs it once', async () => {
    const { app } = testApp();
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
    try {
      const misconfigured = { ...env, RETENTION: '5O' };
      for (const path of ['/v1/datasets', '/healthz', '/admin/v1/datasets/test-items']) {
        const res = await app.request(`http://assay.test${path}`, {}, misconfigured);
        expect(res.status, path).toBe(500);
        expect(await res.json(), path).toMatchObject({
          setting: 'RETENTION',
          detail: expect.stringContaining('RETENTION must be a whole number of at least 1'),
        });
      }
      expect(logged.filter((line) => line.includes('"config.invalid"'))).toHaveLength(1);
      expect(logged[0]).toContain('RETENTION');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('catalogue', () => {
  it('lists every dataset, published or not, with links and an ETag', async () => {
    const { request, store } = testApp([testDataset, { ...testDataset, id: 'later', title: 'Later' }]);
    await seedVersions(store, testDataset, [items(2), items(7)]);
    const res = await request('/v1/datasets');
    expect(res.status).toBe(200);
    const body = await res.json<{ datasets: Record<string, unknown>[] }>();
    expect(body.datasets).toEqual([
      {
        id: 'test-items',
        title: 'Test items',
        description: 'Rows for the read API tests.',
        version: 2,
        updatedAt: '2026-01-02T00:00:00.000Z',
        rowCount: 7,
        links: {
          self: '/v1/datasets/test-items',
          csv: '/v1/datasets/test-items?format=csv',
          versions: '/v1/datasets/test-items/versions',
          schema: '/v1/datasets/test-items/schema',
        },
      },
      expect.objectContaining({ id: 'later', version: null, rowCount: null }),
    ]);
    const etag = res.headers.get('etag') ?? '';
    const again = await request('/v1/datasets', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('is Last-Modified at the newest publish of any dataset, and without one before any', async () => {
    const first = { ...testDataset, id: 'modified-first' };
    const later = { ...testDataset, id: 'modified-later' };
    const { request, store } = testApp([first, later]);
    expect((await testApp([first, later]).request('/v1/datasets')).headers.get('last-modified')).toBeNull();
    await seedVersions(store, later, [items(1), items(2), items(3)]);
    await seedVersions(store, first, [items(2), items(7)]);
    const res = await request('/v1/datasets');
    expect(res.headers.get('last-modified')).toBe('Sat, 03 Jan 2026 00:00:00 GMT');
  });
});

describe('schema', () => {
  it('is JSON Schema 2020-12 of one row', async () => {
    const { request } = testApp();
    const res = await request('/v1/datasets/test-items/schema');
    expect(res.headers.get('content-type')).toBe('application/schema+json');
    const schema = await res.json<Record<string, unknown>>();
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: '/v1/datasets/test-items/schema',
      title: 'Test items',
      type: 'object',
      required: ['id', 'name', 'share', 'active'],
    });
  });
});

describe('version history', () => {
  it('lists versions newest first, metadata only', async () => {
    const { request, store } = testApp();
    await seedVersions(store, testDataset, [items(1), items(2)]);
    const body = await (await request('/v1/datasets/test-items/versions')).json<{
      versions: Record<string, unknown>[];
    }>();
    expect(body.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(body.versions[0]).toMatchObject({ rowCount: 2, rowsRetained: true });
    expect(body.versions[0]).not.toHaveProperty('pageStarts');
  });

  it("is Last-Modified at the latest version's publish", async () => {
    const { request, store } = testApp();
    await seedVersions(store, testDataset, [items(1), items(2)]);
    const res = await request('/v1/datasets/test-items/versions');
    expect(res.headers.get('last-modified')).toBe('Fri, 02 Jan 2026 00:00:00 GMT');
  });
});
