import { describe, expect, it } from 'vitest';
import { testDataset } from '../../test/worker/support/test-dataset.ts';
import { columnsOf } from '../datasets/columns.ts';
import { publishRequest } from './publish-request.ts';
import { schemaHash } from './schema-hash.ts';

describe('publishRequest', () => {
  it("takes the definition's columns, key, schema hash and shrink guard, and the caller's options", async () => {
    const def = { ...testDataset, shrinkGuard: 0.2 };
    expect(await publishRequest(def, { retention: 3, publishedBy: 'x', force: true })).toEqual({
      dataset: 'test-items',
      columns: columnsOf(def),
      key: ['id'],
      schemaHash: await schemaHash(def),
      shrinkGuard: 0.2,
      retention: 3,
      publishedBy: 'x',
      force: true,
    });
    const plain = await publishRequest(testDataset, { retention: 50, publishedBy: 'x' });
    expect(plain.shrinkGuard).toBe(0.5);
  });
});
