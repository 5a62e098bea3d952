/** FNV-1a, 32 bits: a cheap, stable fingerprint of a representation's description (not of its bytes). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/**
 * A strong ETag computed before any row is read: the version's content hash fixes the data, and the
 * representation key (route, format, page, fields, sort, filters) fixes how it is rendered, so equal
 * tags mean byte-identical bodies.
 */
export function representationEtag(contentHash: string, version: number, representation: string): string {
  return `"v${version}-${contentHash.slice(0, 16)}-${fnv1a(representation)}"`;
}

/** RFC 9110 If-None-Match: weak comparison, a list of tags, or `*`. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
