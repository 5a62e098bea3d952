import { dependence } from './dependence.ts';
import { elements } from './elements.ts';
import { partnership } from './partnership.ts';
import { players } from './players.ts';
import { production } from './production.ts';
import { projects } from './projects.ts';
import { timeline } from './timeline.ts';
import type { DatasetDefinition } from './types.ts';

/** The catalogue, in the workbook's tab order. Adding a dataset: one module, one line here. */
export const datasets: readonly DatasetDefinition[] = [
  production,
  dependence,
  elements,
  partnership,
  players,
  projects,
  timeline,
];
