import { columnsOf } from '../../../src/datasets/columns.ts';
import type { DatasetDefinition, Row } from '../../../src/datasets/types.ts';
import { sha256 } from '../../../src/store/content-hash.ts';
import type { KvStore } from '../../../src/store/kv.ts';
import { defaultPageSizing, fixedPageSizing } from '../../../src/store/page-layout.ts';
import { prepareVersion } from '../../../src/store/prepare-version.ts';
import { summarize, type VersionSummary } from '../../../src/store/records.ts';
import { writeVersion } from '../../../src/store/versions.ts';

/** Writes versions 1..n of a dataset through the storage module, as a publish would. */
export async function seedVersions(
  store: KvStore,
  def: DatasetDefinition,
  versions: readonly (readonly Row[])[],
  options: { pageTarget?: number; retainedFrom?: number } = {},
) {
  const columns = columnsOf(def);
  const schemaHash = await sha256(JSON.stringify(columns));
  const history: VersionSummary[] = [];
  const written = [];
  for (const [i, rows] of versions.entries()) {
    const version = i + 1;
    const { meta, pages } = await prepareVersion(
      {
        dataset: def.id,
        version,
        publishedAt: new Date(Date.UTC(2026, 0, version)).toISOString(),
        rows,
        columns,
        schemaHash,
      },
      options.pageTarget === undefined ? defaultPageSizing : fixedPageSizing(options.pageTarget),
    );
    history.unshift(summarize(meta));
    written.push(
      await writeVersion(store, {
        meta,
        pages,
        history: [...history],
        retainedFrom: options.retainedFrom ?? 1,
      }),
    );
  }
  return written;
}
