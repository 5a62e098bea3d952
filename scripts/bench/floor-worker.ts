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
    if (url.pathname === '/chunked') {
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
      return new Response(readable, { headers });
    }
    return new Response('not found', { status: 404 });
  },
};
`;
