import { z } from 'zod';
import { optional, required } from './coerce/coercion.ts';
import { oneOf } from './coerce/enum.ts';
import { text } from './coerce/text.ts';
import type { DatasetDefinition } from './types.ts';

const schema = z.object({
  name: required(text({ maxLength: 120 })).meta({
    title: 'Name',
    description: 'The organisation, by its full English name.',
  }),
  abbreviation: optional(text({ maxLength: 20 })).meta({
    title: 'Abbreviation',
    description: 'The short name it is known by, or null.',
  }),
  kind: required(oneOf(['government', 'agency', 'company', 'research'])).meta({
    title: 'Kind',
    description: 'Government department, state agency, company or research institution.',
  }),
  country: optional(text({ maxLength: 100 })).meta({
    title: 'Country',
    description: 'Where it is based, or null when the source does not say (or it spans countries).',
  }),
  role: required(text()).meta({
    title: 'Role',
    description: 'What it does in the rare-earth supply chain and the partnership.',
  }),
  source: required(text()).meta({
    title: 'Source',
    description: 'Where the facts come from, so readers can check them.',
  }),
});

export const players: DatasetDefinition<typeof schema> = {
  id: 'players',
  title: 'Key players',
  description:
    'The governments, agencies, companies and researchers the source names as working on the US–Japan rare-earth supply chain.',
  tab: 'Players',
  key: ['name'],
  schema,
  shrinkGuard: 0.5,
};
