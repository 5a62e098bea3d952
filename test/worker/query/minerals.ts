import { z } from 'zod';
import type { DatasetDefinition, Row } from '../../../src/datasets/types.ts';

/** A dataset with a column of every kind the query parameters treat apart. */
export const minerals: DatasetDefinition = {
  id: 'minerals',
  title: 'Minerals',
  description: 'Rows for the query tests.',
  tab: 'Minerals',
  key: ['id'],
  schema: z.object({
    id: z.number().int().meta({ title: 'ID' }),
    name: z.string().max(60).meta({ title: 'Name' }),
    group: z.enum(['light', 'heavy']).nullable().meta({ title: 'Group' }),
    year: z.number().int().min(1000).max(2999).nullable().meta({ title: 'Year' }),
    share: z.number().nullable().meta({ title: 'Share' }),
    found: z.iso.date().nullable().meta({ title: 'Found' }),
    magnetic: z.boolean().meta({ title: 'Magnetic' }),
    uses: z.string().nullable().meta({ title: 'Uses' }),
  }),
};

export const mineralRows: Row[] = [
  {
    id: 1,
    name: 'Scandium',
    group: null,
    year: 1879,
    share: 0.5,
    found: '1879-03-01',
    magnetic: false,
    uses: 'Aluminium–scandium alloys',
  },
  {
    id: 2,
    name: 'Néodyme',
    group: 'light',
    year: 1885,
    share: 40,
    found: null,
    magnetic: true,
    uses: 'Permanent magnets, "NdFeB"',
  },
  {
    id: 3,
    name: 'Dysprosium',
    group: 'heavy',
    year: 1886,
    share: 3.5,
    found: '1886-01-15',
    magnetic: true,
    uses: 'Magnets that work hot',
  },
  {
    id: 4,
    name: 'Cerium',
    group: 'light',
    year: 1803,
    share: null,
    found: '1803-01-01',
    magnetic: false,
    uses: 'Glass polishing; catalytic converters',
  },
  {
    id: 5,
    name: 'Ytterbium',
    group: 'heavy',
    year: null,
    share: 0,
    found: null,
    magnetic: false,
    uses: null,
  },
  {
    id: 6,
    name: 'Terbium',
    group: 'heavy',
    year: 1843,
    share: 1.25,
    found: '1843-06-30',
    magnetic: true,
    uses: 'Green phosphors; MAGNETOSTRICTIVE Terfenol',
  },
];
