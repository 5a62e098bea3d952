import type { FloorKind } from './floors.ts';

/** What the bench measures: requests to the Assay Worker, each compared with a floor. */
export interface Scenario {
  name: string;
  /** Path and query on the Assay Worker. */
  path: string;
  headers?: Record<string, string>;
  /** The floors it is measured against (see floors.ts): a 304's, a body's of its size, or none. */
  floor: FloorKind | 'none';
  /** Fewer connections for bodies of many megabytes, so a round still completes requests. */
  connections?: number;
  /** Left out of --quick. */
  fullOnly?: boolean;
}

export const healthz: Scenario = { name: 'healthz', path: '/healthz', floor: 'none' };

/** Queries that look at every row of the 100,000-row dataset: a filter, a search, and facets. */
export const queryScenarios: Scenario[] = [
  {
    name: 'filter, page of 100 (100,000 rows)',
    path: '/v1/datasets/bench-100k?filter[category]=magnet&filter[year][gte]=2010&limit=100',
    floor: 'body',
  },
  {
    name: 'search q=garnet helix, page of 100 (100,000 rows)',
    path: '/v1/datasets/bench-100k?q=garnet%20helix&limit=100',
    floor: 'body',
  },
  {
    name: 'facets category and country over a filter (100,000 rows)',
    path: '/v1/datasets/bench-100k?filter[active]=true&facet=category&facet=country&limit=10',
    floor: 'body',
  },
];

/** Filled in once the small latest has been fetched: its ETag. */
export function scenarios(smallEtag: string): Scenario[] {
  return [
    healthz,
    { name: 'latest 100 rows (JSON)', path: '/v1/datasets/bench-100', floor: 'body' },
    {
      name: 'latest 100 rows, If-None-Match (304)',
      path: '/v1/datasets/bench-100',
      headers: { 'if-none-match': smallEtag },
      floor: 'not-modified',
    },
    {
      name: 'page of 100 rows (100-row dataset)',
      path: '/v1/datasets/bench-100?limit=100&offset=0',
      floor: 'body',
    },
    {
      name: 'deep page of 100 rows (100,000-row dataset)',
      path: '/v1/datasets/bench-100k?limit=100&offset=99900',
      floor: 'body',
    },
    { name: 'full 10,000 rows (JSON)', path: '/v1/datasets/bench-10k', floor: 'body' },
    { name: 'full 10,000 rows (CSV)', path: '/v1/datasets/bench-10k?format=csv', floor: 'body' },
    { name: 'catalogue', path: '/v1/datasets', floor: 'body' },
    { name: 'numbered version 1, 100 rows', path: '/v1/datasets/bench-100/versions/1', floor: 'body' },
    // The pages for people: the same 100 rows as HTML, the table whole on one page.
    { name: 'dataset page, 100 rows (HTML)', path: '/datasets/bench-100', floor: 'body' },
    { name: 'embed, 100 rows (HTML)', path: '/embed/bench-100', floor: 'body' },
    // Repeated: the isolate keeps each answer, as it keeps other responses.
    ...queryScenarios,
    {
      name: 'full 100,000 rows (JSON)',
      path: '/v1/datasets/bench-100k',
      floor: 'body',
      connections: 2,
      fullOnly: true,
    },
  ];
}
