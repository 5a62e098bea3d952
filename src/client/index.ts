import { AssayError } from './assay-error.ts';
import type { DatasetId, DatasetRows } from './dataset-rows.ts';
import type { Catalogue, DatasetVersion, Delta, RowsQuery, VersionHistory } from './types.ts';
import { type Snapshot, type WatchOptions, watchDataset } from './watch.ts';

export { AssayError } from './assay-error.ts';
export type { DatasetId, DatasetRows } from './dataset-rows.ts';
export type { Catalogue, DatasetVersion, Delta, RowsQuery, VersionHistory, VersionNotice } from './types.ts';
export { applyDelta, type Snapshot, type WatchOptions } from './watch.ts';

export interface ClientOptions {
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Defaults to the global WebSocket; null makes `watch` poll. */
  WebSocket?: typeof WebSocket | null;
}

type Columns<Id extends DatasetId> = keyof DatasetRows[Id] & string;

function queryString(query: RowsQuery<Record<string, unknown>, string> = {}): string {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  if (query.fields) params.set('fields', query.fields.join(','));
  if (query.sort) params.set('sort', query.sort);
  for (const [column, value] of Object.entries(query.filter ?? {}))
    params.set(`filter[${column}]`, value === null || value === undefined ? '' : String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A typed client of an Assay API: only fetch and WebSocket, so it runs in browsers, Node, Deno and Workers. */
export function createClient(baseUrl: string, options: ClientOptions = {}) {
  const base = baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const Socket = options.WebSocket === undefined ? (globalThis.WebSocket ?? null) : options.WebSocket;

  async function get<T>(path: string): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, { headers: { accept: 'application/json' } });
    } catch (error) {
      throw new AssayError(0, `Could not reach ${base}: ${String(error)}`);
    }
    if (!response.ok) throw await AssayError.from(response);
    return (await response.json()) as T;
  }
  const datasetPath = (id: string) => `/v1/datasets/${encodeURIComponent(id)}`;

  return {
    catalogue: () => get<Catalogue>('/v1/datasets'),
    dataset: <Id extends DatasetId, F extends Columns<Id> = Columns<Id>>(
      id: Id,
      query?: RowsQuery<DatasetRows[Id], F>,
    ) => get<DatasetVersion<Pick<DatasetRows[Id], F>>>(`${datasetPath(id)}${queryString(query)}`),
    version: <Id extends DatasetId>(id: Id, n: number) =>
      get<DatasetVersion<DatasetRows[Id]>>(`${datasetPath(id)}/versions/${n}`),
    versions: (id: DatasetId) => get<VersionHistory>(`${datasetPath(id)}/versions`),
    changes: <Id extends DatasetId>(id: Id, range: { from: number; to?: number }) =>
      get<Delta<DatasetRows[Id]>>(
        `${datasetPath(id)}/changes?from=${range.from}${range.to === undefined ? '' : `&to=${range.to}`}`,
      ),
    watch: <Id extends DatasetId>(
      id: Id,
      onVersion: (snapshot: Snapshot<DatasetRows[Id]>) => void,
      watchOptions: WatchOptions,
    ) => watchDataset({ baseUrl: base, fetch: fetchImpl, WebSocket: Socket }, id, onVersion, watchOptions),
  };
}

export type AssayClient = ReturnType<typeof createClient>;
