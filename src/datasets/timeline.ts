import { z } from 'zod';
import { optional, required } from './coerce/coercion.ts';
import { date } from './coerce/dates.ts';
import { year } from './coerce/numbers.ts';
import { text } from './coerce/text.ts';
import type { DatasetDefinition } from './types.ts';

/*
 * History is known at different precisions ("the 1990s", "2010", "8 January 2024", or not at all:
 * "undated"). Rather than invent precision, `period` keeps the words, `year` gives a year to sort and
 * chart by when there is one, and `date` is filled only when the exact day is known.
 */
const schema = z.object({
  period: required(text({ maxLength: 40 })).meta({
    title: 'Period',
    description: 'When it happened, as precisely as the source says ("1990s", "2010", "2024-01-08").',
  }),
  year: optional(year()).meta({
    title: 'Year',
    description: 'The (first) year of the period, for sorting; null when the source gives no year.',
  }),
  date: optional(date()).meta({
    title: 'Date',
    description: 'The exact date (ISO 8601) when known, otherwise null.',
  }),
  event: required(text()).meta({
    title: 'Event',
    description: 'What happened.',
  }),
  place: optional(text({ maxLength: 100 })).meta({
    title: 'Place',
    description: 'Where it happened, or null.',
  }),
  source: required(text()).meta({
    title: 'Source',
    description: 'Where the facts come from, so readers can check them.',
  }),
});

export const timeline: DatasetDefinition<typeof schema> = {
  id: 'timeline',
  title: 'Rare-earth timeline',
  description: 'Events in the rare-earth supply chain of the United States, Japan and China.',
  tab: 'Timeline',
  key: ['period', 'event'],
  schema,
  shrinkGuard: 0.5,
  // Undated events have no place on the axis; the table under the chart still lists them.
  chart: { kind: 'timeline', x: 'year', label: 'period' },
};
