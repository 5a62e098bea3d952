/**
 * The runtime's own floor: a second Worker in the same workerd that answers with constants, so a
 * scenario's ratio says what Assay's own JavaScript costs on top of what any Worker pays:
 *
 * - `/buffer?size=N`, `/fixed?size=N`: N constant bytes (encoded once per size and kept) with one
 *   header, sent as `new Response(bytes)` or written once through a FixedLengthStream.
 * - `/not-modified`: a constant empty 304, the least a revalidation can cost.
 * - `/shaped/buffer?name=…`, `/shaped/fixed?name=…`: a shape registered beforehand with
 *   `POST /shapes` (`{ name, status, size, headers }`): Assay's own status and exact header list with
 *   a constant body of its size. The headers are built into a `Headers` object once and copied into
 *   each `Response`: the cheapest way measured, several times cheaper than a list of pairs, which
 *   workerd converts pair by pair through JavaScript iterators on every response (BENCHMARKS.md).
 *
 * Each answer is found by its exact URL once routed, as Assay's response cache finds its answers by
 * theirs, so a floor pays a map lookup per request, not a URL parse. Plain JavaScript, so Miniflare
 * runs it as it is.
 */
export const floorWorkerScript = `
const bodies = new Map();
const shapes = new Map();
const plain = new Headers({ 'content-type': 'application/json' });
function constant(size) {
  let bytes = bodies.get(size);
  if (!bytes) {
    bytes = new Uint8Array(size).fill(0x61);
    bodies.set(size, bytes);
  }
  return bytes;
}
function fixedLength(bytes) {
  const { readable, writable } = new FixedLengthStream(bytes.byteLength);
  const writer = writable.getWriter();
  writer.write(bytes).then(() => writer.close(), (error) => writer.abort(error));
  return readable;
}
const answers = new Map();
function routed(url) {
  const path = url.pathname;
  if (path === '/not-modified') return () => new Response(null, { status: 304 });
  if (path.startsWith('/shaped/')) {
    const shape = shapes.get(url.searchParams.get('name'));
    if (!shape) return undefined;
    if (shape.bytes === null) return () => new Response(null, { status: shape.status, headers: shape.headers });
    if (path === '/shaped/fixed') return () => new Response(fixedLength(shape.bytes), { status: shape.status, headers: shape.headers });
    return () => new Response(shape.bytes, { status: shape.status, headers: shape.headers });
  }
  if (path !== '/buffer' && path !== '/fixed') return undefined;
  const bytes = constant(Number(url.searchParams.get('size') ?? '0'));
  if (path === '/buffer') return () => new Response(bytes, { headers: plain });
  return () => new Response(fixedLength(bytes), { headers: plain });
}
export default {
  async fetch(request) {
    const known = answers.get(request.url);
    if (known && request.method === 'GET') return known();
    const url = new URL(request.url);
    const path = url.pathname;
    const answer = request.method === 'GET' ? routed(url) : undefined;
    if (answer) {
      answers.set(request.url, answer);
      return answer();
    }
    if (path === '/shapes' && request.method === 'POST') {
      const { name, status, size, headers } = await request.json();
      const bytes = status === 304 ? null : constant(size);
      shapes.set(name, { status, headers: new Headers(headers), bytes });
      answers.clear();
      return new Response(null, { status: 204 });
    }
    if (path === '/chunked') {
      const size = Number(url.searchParams.get('size') ?? '0');
      const bytes = constant(size);
      // Diagnostic: the same bytes written the way the Worker writes a whole version, as pages of
      // \`chunk\` bytes with a 2-byte separator written on its own between them.
      const chunk = Number(url.searchParams.get('chunk') ?? '131072');
      const { readable, writable } = new FixedLengthStream(size);
      const writer = writable.getWriter();
      (async () => {
        for (let at = 0; at < size; ) {
          const end = Math.min(size, at + chunk);
          await writer.ready;
          await writer.write(bytes.subarray(at, end));
          at = end;
          if (at < size) {
            const sep = bytes.subarray(at, Math.min(size, at + 2));
            await writer.ready;
            await writer.write(sep);
            at += sep.byteLength;
          }
        }
        await writer.close();
      })().catch((error) => writer.abort(error));
      return new Response(readable, { headers: plain });
    }
    return new Response('not found', { status: 404 });
  },
};
`;
