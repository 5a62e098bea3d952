import { z } from 'zod';
import { boolean } from './coerce/booleans.ts';
import { optional, required } from './coerce/coercion.ts';
import { oneOf } from './coerce/enum.ts';
import { integer } from './coerce/numbers.ts';
import { text } from './coerce/text.ts';
import type { DatasetDefinition } from './types.ts';

const schema = z.object({
  atomicNumber: required(integer({ min: 1, max: 118, noun: 'an atomic number' })).meta({
    title: 'Atomic number',
    description: 'Z, the number of protons: 21 for scandium, 39 for yttrium, 57–71 for the lanthanides.',
  }),
  symbol: required(
    text({ pattern: { regex: /^[A-Z][a-z]?$/, description: 'a chemical symbol such as Nd' } }),
  ).meta({
    title: 'Symbol',
    description: 'The chemical symbol.',
  }),
  name: required(text({ maxLength: 40 })).meta({
    title: 'Name',
    description: 'The English name of the element.',
  }),
  group: optional(oneOf(['light', 'heavy'])).meta({
    title: 'Group',
    description:
      'Light or heavy rare-earth element, in the common grouping (La–Sm light; Eu–Lu and yttrium heavy); null for scandium, which is usually listed apart.',
  }),
  lanthanide: required(boolean()).meta({
    title: 'Lanthanide',
    description: 'True for the 15 lanthanides (La–Lu); false for scandium and yttrium.',
  }),
  uses: required(text()).meta({
    title: 'Main uses',
    description: 'What the element is mainly used for.',
  }),
  source: required(text()).meta({
    title: 'Source',
    description: 'Where the facts come from, so readers can check them.',
  }),
});

export const elements: DatasetDefinition<typeof schema> = {
  id: 'elements',
  title: 'The 17 rare-earth elements',
  description: 'The 15 lanthanides plus scandium and yttrium: symbols, atomic numbers, groups and main uses.',
  tab: 'Elements',
  key: ['atomicNumber'],
  schema,
  // The set of rare-earth elements does not change: any row lost is a mistake, so it needs --force.
  shrinkGuard: 0,
};
