/** What the bench measures: requests to the Assay Worker, each compared with a floor. */
export interface Scenario {
  name: string;
  /** Path and query on the Assay Worker. */
  path: string;
  headers?: Record<string, string>;
  /** `healthz`: compared with /healthz (a 304 has no body); `body`: with a constant body of its size. */
  floor: 'healthz' | 'body' | 'none';
  /** Fewer connections for bodies of many megabytes, so a round still completes requests. */
  connections?: number;
  /** Left out of --quick. */
  fullOnly?: boolean;
}

export const healthz: Scenario = { name: 'healthz', path: '/healthz', floor: 'none' };

/** Filled in once the small latest has been fetched: its ETag. */
export function scenarios(smallEtag: string): Scenario[] {
  return [
    healthz,
    { name: 'latest 100 rows (JSON)', path: '/v1/datasets/bench-100', floor: 'body' },
    {
      name: 'latest 100 rows, If-None-Match (304)',
      path: '/v1/datasets/bench-100',
      headers: { 'if-none-match': smallEtag },
      floor: 'healthz',
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
    {
      name: 'full 100,000 rows (JSON)',
      path: '/v1/datasets/bench-100k',
      floor: 'body',
      connections: 2,
      fullOnly: true,
    },
  ];
}
