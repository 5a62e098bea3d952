import { z } from 'zod';
import type { DatasetDefinition, Row } from '../../../src/datasets/types.ts';

/** A dataset with every column type, independent of the real catalogue. */
export const testDataset: DatasetDefinition = {
  id: 'test-items',
  title: 'Test items',
  description: 'Rows for the read API tests.',
  tab: 'Items',
  key: ['id'],
  schema: z.object({
    id: z.number().int().meta({ title: 'ID' }),
    name: z.string().meta({ title: 'Name' }),
    share: z.number().nullable().meta({ title: 'Share' }),
    active: z.boolean().meta({ title: 'Active' }),
  }),
};

export function items(count: number, offset = 0): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + offset,
    name: `item ${i + offset}`,
    share: i % 3 === 0 ? null : (i * 7) % 100,
    active: i % 2 === 0,
  }));
}
