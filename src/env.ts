import type { Config } from './config.ts';
import type { DatasetDefinition } from './datasets/types.ts';
import type { TokenScope } from './http/admin-tokens.ts';
import type { Lifetime } from './http/response-cache.ts';
import type { LiveHub } from './live/live-hub.ts';
import type { DatasetWriter } from './publish/dataset-writer.ts';
import type { DatasetReader } from './store/reader.ts';

export interface Bindings {
  DATASETS: KVNamespace;
  /** One writer per dataset, `getByName(id)`: the only way a version is published. */
  DATASET_WRITER: DurableObjectNamespace<DatasetWriter>;
  /** One object (`getByName('all')`) passing every dataset's version notices to `/v1/live`. */
  LIVE_HUB: DurableObjectNamespace<LiveHub>;
  /** Secret: comma-separated `label:token` pairs accepted by the admin API, with every right. */
  ADMIN_TOKEN?: string;
  /** Secret: `label:token` pairs that may publish, but neither force past the shrink guard nor roll back. */
  PUBLISH_TOKEN?: string;
  /** How many of the newest versions keep their rows (default 50). */
  RETENTION?: string;
  /** Largest admin request body in bytes (default 32 MiB). */
  MAX_BODY_BYTES?: string;
  /** The most rows one NDJSON publish may send (default 1,000,000). */
  MAX_PUBLISH_ROWS?: string;
}

export interface Variables {
  reader: DatasetReader;
  datasets: ReadonlyMap<string, DatasetDefinition>;
  config: Config;
  /** Forgets the heads, lists and latest responses this isolate holds, after it published something. */
  forgetMoving: () => void;
  /** The label of the admin token a request was authenticated with (admin routes only). */
  adminLabel: string;
  /** What that token may do (admin routes only). */
  tokenScope: TokenScope;
  /** Set by a route whose response may be sent again as it is (src/http/response-cache.ts). */
  keepResponse?: Lifetime;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
