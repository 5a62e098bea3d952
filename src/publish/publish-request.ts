import type { Column } from '../datasets/columns.ts';
import { columnsOf } from '../datasets/columns.ts';
import type { DatasetDefinition } from '../datasets/types.ts';
import { schemaHash } from './schema-hash.ts';
import { defaultShrinkGuard } from './shrink-guard.ts';

/**
 * Everything the writer needs to publish besides the rows, which follow as a stream the route
 * validated with the dataset's schema: the writer stays schema-agnostic, with no registry of its own.
 */
export interface PublishRequest {
  dataset: string;
  columns: Column[];
  key: string[];
  schemaHash: string;
  /** Largest share of the rows this publish may remove without `force`. */
  shrinkGuard: number;
  retention: number;
  publishedBy: string;
  source?: Record<string, unknown>;
  baseVersion?: number;
  force?: boolean;
  rolledBackFrom?: number;
  /** Compare with the current version and say what would change, writing nothing (`checked`). */
  dryRun?: boolean;
}

/** What a publish takes besides the dataset and its rows: the Worker's config, the caller and its options. */
export type PublishOptions = Pick<
  PublishRequest,
  'retention' | 'publishedBy' | 'source' | 'baseVersion' | 'force' | 'rolledBackFrom' | 'dryRun'
>;

/** The writer's request for a dataset's validated rows, with what the definition says about them. */
export async function publishRequest(
  def: DatasetDefinition,
  options: PublishOptions,
): Promise<PublishRequest> {
  return {
    dataset: def.id,
    columns: columnsOf(def),
    key: [...def.key],
    schemaHash: await schemaHash(def),
    shrinkGuard: def.shrinkGuard ?? defaultShrinkGuard,
    ...options,
  };
}
