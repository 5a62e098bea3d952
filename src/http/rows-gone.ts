import { problem } from './problem.ts';

/**
 * 410 for a version whose rows retention no longer keeps (its metadata stays listed). `instead` says
 * what the caller can use; by default, for a reader, a newer version.
 */
export function rowsGone(
  { dataset, version }: { dataset: string; version: number },
  instead = `its metadata is still listed at /v1/datasets/${dataset}/versions; fetch a newer version.`,
) {
  return problem(
    410,
    `The rows of version ${version} of "${dataset}" are no longer kept (retention); ${instead}`,
  );
}
