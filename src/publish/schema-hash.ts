import { rowJsonSchema } from '../datasets/json-schema.ts';
import type { DatasetDefinition } from '../datasets/types.ts';
import { sha256 } from '../store/content-hash.ts';

/** Hash of the row JSON Schema served at /schema: a version records which schema its rows met. */
export function schemaHash(def: DatasetDefinition): Promise<string> {
  return sha256(JSON.stringify(rowJsonSchema(def)));
}
