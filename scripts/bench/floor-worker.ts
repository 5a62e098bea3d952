/**
 * The runtime's own floor: a second Worker in the same workerd that answers with a constant body of
 * a requested size, encoded once per size and kept, sent either as `new Response(bytes)` or written
 * through a FixedLengthStream. A body-bearing scenario is compared with the faster of the two at
 * exactly its own byte size. Plain JavaScript, so Miniflare runs it as it is.
 */
export const floorWorkerScript = `
const bodies = new Map();
function constant(size) {
  let bytes = bodies.get(size);
  if (!bytes) {
    bytes = new Uint8Array(size).fill(0x61);
    bodies.set(size, bytes);
  }
  return bytes;
}
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const size = Number(url.searchParams.get('size') ?? '0');
    const bytes = constant(size);
    const headers = { 'content-type': 'application/json' };
    if (url.pathname === '/buffer') return new Response(bytes, { headers });
    if (url.pathname === '/fixed') {
      const { readable, writable } = new FixedLengthStream(size);
      const writer = writable.getWriter();
      writer.write(bytes).then(() => writer.close(), (error) => writer.abort(error));
      return new Response(readable, { headers });
    }
    return new Response('not found', { status: 404 });
  },
};
`;
