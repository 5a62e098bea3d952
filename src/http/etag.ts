/**
 * cyrb53: a fast 53-bit string hash, synchronous (the hot path cannot wait for crypto.subtle), so that
 * two representations of one version practically never share a tag.
 */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Changes whenever a deploy renders an existing representation with different bytes (envelope, CSV
 * dialect…), so that tags served with `immutable` before it stop matching.
 */
const renderVersion = 1;

/**
 * A strong ETag computed before any row is read: the version's content hash fixes the data, and the
 * representation key (route, format, page, fields, sort, filters) with the render version fixes how
 * it is rendered, so equal tags mean byte-identical bodies.
 */
export function representationEtag(contentHash: string, version: number, representation: string): string {
  return `"v${version}-${contentHash.slice(0, 16)}-${hash53(`${renderVersion}|${representation}`)}"`;
}

/** RFC 9110 If-None-Match: weak comparison, a list of tags, or `*`. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  // What a poller sends back: the tag it was given, as it is (no list to split on every request).
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
