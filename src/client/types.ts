import type { z } from '@hono/zod-openapi';
import type { DeltaSchema } from '../routes/deltas.routes.ts';
import type { CatalogueSchema, DatasetVersionSchema, VersionsSchema } from '../routes/schemas.ts';

/**
 * The shapes the API serves, from its own route schemas (type-only: nothing of them reaches a client
 * bundle), with rows typed per dataset.
 */
export type Cell = string | number | boolean | null;
export type Catalogue = z.infer<typeof CatalogueSchema>;
export type VersionHistory = z.infer<typeof VersionsSchema>;
export type DatasetVersion<Row> = Omit<z.infer<typeof DatasetVersionSchema>, 'data'> & { data: Row[] };
export type Delta<Row> = Omit<z.infer<typeof DeltaSchema>, 'added' | 'removed' | 'changed'> & {
  added: Row[];
  removed: Row[];
  changed: { key: Partial<Row>; before: Row; after: Row }[];
};
export type { VersionNotice } from '../live/version-notice.ts';

export interface RowsQuery<Row, F extends keyof Row & string> {
  limit?: number;
  offset?: number;
  fields?: readonly F[];
  sort?: (keyof Row & string) | `-${keyof Row & string}`;
  filter?: { [C in keyof Row & string]?: Cell };
}
