/** Where the pages and the data they link to live; one place, so links and routes agree. */
export const paths = {
  catalogue: '/',
  dataset: (id: string) => `/datasets/${id}`,
  version: (id: string, n: number) => `/datasets/${id}/versions/${n}`,
  history: (id: string) => `/datasets/${id}/versions`,
  embed: (id: string, n?: number) => (n === undefined ? `/embed/${id}` : `/embed/${id}/versions/${n}`),
  apiDataset: (id: string) => `/v1/datasets/${id}`,
  apiVersion: (id: string, n: number) => `/v1/datasets/${id}/versions/${n}`,
  apiSchema: (id: string) => `/v1/datasets/${id}/schema`,
  apiChanges: (id: string, n: number) => `/v1/datasets/${id}/versions/${n}/changes`,
  apiReference: '/docs',
};
