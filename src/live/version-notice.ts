import type { ChangeCounts, VersionSummary } from '../store/records.ts';

/** What every live socket receives for a version: on connecting (the current one) and on each publish. */
export interface VersionNotice {
  type: 'version';
  dataset: string;
  version: number;
  publishedAt: string;
  changes: ChangeCounts;
  rolledBackFrom?: number;
  links: { self: string; latest: string; changes: string; delta: string };
}

export function versionNotice(meta: VersionSummary): VersionNotice {
  const latest = `/v1/datasets/${meta.dataset}`;
  return {
    type: 'version',
    dataset: meta.dataset,
    version: meta.version,
    publishedAt: meta.publishedAt,
    // Versions published before counts were recorded have none; a first version adds every row.
    changes: meta.changes ?? { added: meta.rowCount, removed: 0, changed: 0 },
    ...(meta.rolledBackFrom !== undefined && { rolledBackFrom: meta.rolledBackFrom }),
    links: {
      self: `${latest}/versions/${meta.version}`,
      latest,
      changes: `${latest}/versions/${meta.version}/changes`,
      // Where a client holding the version before this one finds what to apply.
      delta: `${latest}/changes?from=${Math.max(1, meta.version - 1)}&to=${meta.version}`,
    },
  };
}
