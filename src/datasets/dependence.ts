import { z } from 'zod';
import { approximateFlag } from './coerce/approximate.ts';
import { optional, required } from './coerce/coercion.ts';
import { year } from './coerce/numbers.ts';
import { percent } from './coerce/percent.ts';
import { text } from './coerce/text.ts';
import type { DatasetDefinition } from './types.ts';

const schema = z.object({
  country: required(text({ maxLength: 100 })).meta({
    title: 'Country',
    description: 'The country that depends on imports.',
  }),
  supplier: required(text({ maxLength: 100 })).meta({
    title: 'Supplier',
    description: 'The country it depends on.',
  }),
  year: required(year()).meta({
    title: 'As of',
    description: 'The year the source reports the share for ("currently" in a 2024 article is 2024).',
  }),
  share: required(percent({ min: 0, max: 100 })).meta({
    title: 'Share of needs met by supplier (%)',
    description: "The part of the country's rare-earth needs met by the supplier, in percent.",
  }),
  shareApproximate: approximateFlag('share', {
    title: 'Share is approximate',
    description: 'True when the source gives the share as an estimate ("approximately 60%").',
  }),
  note: optional(text()).meta({
    title: 'Note',
    description: 'Context for the figure, or null.',
  }),
  source: required(text()).meta({
    title: 'Source',
    description: 'Where the figure comes from, so readers can check it.',
  }),
});

export const dependence: DatasetDefinition<typeof schema> = {
  id: 'dependence',
  title: 'Dependence on rare-earth suppliers',
  description: "How much of one country's rare-earth needs another country supplies.",
  tab: 'Dependence',
  key: ['country', 'supplier', 'year'],
  schema,
  shrinkGuard: 0.5,
  chart: { kind: 'bar', x: 'supplier', y: 'share' },
};
