import { describe, expect, it } from 'vitest';
import { testApp } from './support/app.ts';
import { seedVersions } from './support/seed.ts';
import { items, testDataset } from './support/test-dataset.ts';

describe('latest version', () => {
  it('serves every row with the envelope', async () => {
    const { request, store } = testApp();
    await seedVersions(store, testDataset, [items(5)]);
    const res = await request('/v1/datasets/test-items');
    expect(res.status).toBe(200);
    const body = await res.json<{ version: number; data: unknown[] }>();
    expect(body.version).toBe(1);
    expect(body.data).toEqual(items(5));
  });
});
