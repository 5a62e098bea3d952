/**
 * KV key layout. Every version lives under its own keys and is never rewritten; only the head and the
 * catalogue entry move. Callers validate ids and version numbers first (the path parameter schemas
 * in `src/routes/schemas.ts`), so nothing a request sends reaches a key unchecked.
 */
export const datasetIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const root = (dataset: string) => `ds/${dataset}`;

export const keys = {
  head: (dataset: string) => `${root(dataset)}/head`,
  /** Summaries of versions, newest first, one page of them (`history-pages.ts`). */
  historyPage: (dataset: string, page: number) => `${root(dataset)}/history/${page}`,
  catalogueEntry: (dataset: string) => `catalogue/${dataset}`,
  versionMeta: (dataset: string, version: number) => `${root(dataset)}/v/${version}/meta`,
  /** Everything stored under one version, pages left by an attempt that did not finish included. */
  versionPrefix: (dataset: string, version: number) => `${root(dataset)}/v/${version}/`,
  page: (dataset: string, version: number, page: number) => `${root(dataset)}/v/${version}/page/${page}`,
  changes: (dataset: string, version: number) => `${root(dataset)}/v/${version}/changes`,
};
