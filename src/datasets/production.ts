import { z } from 'zod';
import { approximateFlag } from './coerce/approximate.ts';
import { required } from './coerce/coercion.ts';
import { year } from './coerce/numbers.ts';
import { percent } from './coerce/percent.ts';
import { text } from './coerce/text.ts';
import type { DatasetDefinition } from './types.ts';

const schema = z.object({
  country: required(text({ maxLength: 100 })).meta({
    title: 'Country',
    description: 'The producing country, in English.',
  }),
  year: required(year()).meta({
    title: 'Year',
    description: 'The calendar year the estimate is for.',
  }),
  share: required(percent({ min: 0, max: 100 })).meta({
    title: 'Share of global production (%)',
    description: "The country's share of global rare-earth production, in percent (70 means 70 %).",
  }),
  shareApproximate: approximateFlag('share', {
    title: 'Share is approximate',
    description: 'True when the source gives the share as an estimate (the article prints "~70%").',
  }),
  source: required(text()).meta({
    title: 'Source',
    description: 'Where the figure comes from, so readers can check it.',
  }),
});

export const production: DatasetDefinition<typeof schema> = {
  id: 'production',
  title: 'Rare-earth production by country',
  description:
    "The main producers' shares of global rare-earth production, per year, rounded as the source gives them (the seed article's table, which cites the USGS).",
  tab: 'Production',
  key: ['country', 'year'],
  schema,
  // Four producers dominate; losing half of them in one publish is a broken sheet, not news.
  shrinkGuard: 0.5,
  chart: { kind: 'bar', x: 'country', y: 'share' },
};
