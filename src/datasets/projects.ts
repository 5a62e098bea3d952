import { z } from 'zod';
import { optional, required } from './coerce/coercion.ts';
import { integer } from './coerce/numbers.ts';
import { text } from './coerce/text.ts';
import type { DatasetDefinition } from './types.ts';

const schema = z.object({
  number: required(integer({ min: 1 })).meta({
    title: 'No.',
    description: 'The project number, in the order the source lists them.',
  }),
  project: required(text({ maxLength: 80 })).meta({
    title: 'Project',
    description: 'The name of the project.',
  }),
  description: required(text()).meta({
    title: 'Description',
    description: 'What the project does.',
  }),
  location: optional(text({ maxLength: 100 })).meta({
    title: 'Location',
    description: 'Where it takes place, as the source names it, or null when the source gives no place.',
  }),
  source: required(text()).meta({
    title: 'Source',
    description: 'Where the facts come from, so readers can check them.',
  }),
});

export const projects: DatasetDefinition<typeof schema> = {
  id: 'projects',
  title: 'Partnership projects',
  description: 'Specific projects under the US–Japan rare-earth partnership.',
  tab: 'Projects',
  key: ['number'],
  schema,
  shrinkGuard: 0.5,
};
