/** Latest moves: browsers recheck within seconds (a 304), caches may serve a little stale meanwhile. */
export const latestCacheControl = 'public, max-age=5, stale-while-revalidate=30';
/** A numbered version never changes. */
export const immutableCacheControl = 'public, max-age=31536000, immutable';

/** Tags every public response so a publish can purge one dataset's responses from Workers Cache. */
export function cacheTags(dataset?: string): string {
  return dataset ? `assay,assay:${dataset}` : 'assay,assay:catalogue';
}

export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
