/**
 * A byte stream read into one buffer of `size` bytes, reused for every read: each chunk is a view of
 * it, valid until the next one is asked for (copy what must outlive it). Stopping early cancels the
 * stream, as `for await` over it would.
 *
 * Why not `for await (const chunk of stream)`: V8's sampling heap profiler found heap objects worth
 * about 40 % of a request body's bytes, allocated as workerd handed JavaScript its chunks, outliving
 * young collections: each chunk lived while its rows were checked, long enough to be moved to V8's
 * old generation, so a 1,000,000-row publish (200 MB) piled up garbage there that only a full
 * collection frees, and the Worker's heap peaked near 70 MB. A BYOB read fills memory the isolate
 * already holds.
 * A stream that is not a byte stream (one made in JavaScript) is read as it comes.
 */
export async function* byteChunks(
  stream: ReadableStream<Uint8Array>,
  size: number,
): AsyncGenerator<Uint8Array> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    yield* stream;
    return;
  }
  let ended = false;
  try {
    let buffer = new ArrayBuffer(size);
    for (;;) {
      const { value, done } = await reader.read(new Uint8Array(buffer));
      if (done || !value) break;
      yield value;
      // The read moved the buffer into the view it answered; the next read takes it back.
      buffer = value.buffer;
    }
    ended = true;
  } finally {
    if (!ended) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
