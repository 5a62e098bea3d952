import { z } from 'zod';
import { required } from './coerce/coercion.ts';
import { date } from './coerce/dates.ts';
import { integer } from './coerce/numbers.ts';
import { text } from './coerce/text.ts';
import type { DatasetDefinition } from './types.ts';

const schema = z.object({
  number: required(integer({ min: 1 })).meta({
    title: 'No.',
    description: 'The pillar number, in the order the source lists them.',
  }),
  pillar: required(text({ maxLength: 80 })).meta({
    title: 'Pillar',
    description: 'The name of the pillar.',
  }),
  description: required(text()).meta({
    title: 'What it covers',
    description: 'What the partners agreed to do under this pillar.',
  }),
  announced: required(date()).meta({
    title: 'Announced',
    description: 'The date the pillar was announced (ISO 8601).',
  }),
  source: required(text()).meta({
    title: 'Source',
    description: 'Where the facts come from, so readers can check them.',
  }),
});

export const partnership: DatasetDefinition<typeof schema> = {
  id: 'partnership',
  title: 'The US–Japan rare-earth partnership',
  description:
    'The pillars of the rare-earth supply-chain agreement the United States and Japan announced in 2024.',
  tab: 'Partnership',
  key: ['number'],
  schema,
  shrinkGuard: 0.5,
};
