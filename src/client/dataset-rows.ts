import type { z } from 'zod';
import type { dependence } from '../datasets/dependence.ts';
import type { elements } from '../datasets/elements.ts';
import type { partnership } from '../datasets/partnership.ts';
import type { players } from '../datasets/players.ts';
import type { production } from '../datasets/production.ts';
import type { projects } from '../datasets/projects.ts';
import type { timeline } from '../datasets/timeline.ts';

/**
 * One served row of each dataset, from the catalogue's own Zod schemas (type-only imports: nothing
 * of Zod reaches a client bundle). A dataset added to the registry gets a line here.
 */
export interface DatasetRows {
  production: z.output<typeof production.schema>;
  dependence: z.output<typeof dependence.schema>;
  elements: z.output<typeof elements.schema>;
  partnership: z.output<typeof partnership.schema>;
  players: z.output<typeof players.schema>;
  projects: z.output<typeof projects.schema>;
  timeline: z.output<typeof timeline.schema>;
}

export type DatasetId = keyof DatasetRows;
