const encoder = new TextEncoder();

/** A body that pulls its chunks on demand, so a large response never sits whole in memory. */
export function streamOf(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * Stored bytes written through a FixedLengthStream: workerd then sends a Content-Length body without
 * chunking, which served large bodies about twice as fast here as the same bytes in memory.
 */
export function fixedLengthBody(
  length: number,
  chunks: AsyncIterable<Uint8Array>,
): ReadableStream<Uint8Array> {
  const { readable, writable } = new FixedLengthStream(length);
  const writer = writable.getWriter();
  (async () => {
    try {
      for await (const chunk of chunks) {
        await writer.ready;
        await writer.write(chunk);
      }
      await writer.close();
    } catch (error) {
      await writer.abort(error);
    }
  })();
  return readable;
}

/**
 * Chunks gathered into writes of about `size` bytes (a chunk that large alone passes as it is): a
 * streamed body's cost on workerd grows with its number of writes, and stored pages are ~128 KiB
 * apart with a 2-byte separator between them. Each write gets a fresh buffer, as the stream may
 * still hold the one before.
 */
export async function* coalesced(
  chunks: AsyncIterable<Uint8Array>,
  size: number,
): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(size);
  let at = 0;
  for await (const chunk of chunks) {
    if (at > 0 && at + chunk.byteLength > size) {
      yield buffer.subarray(0, at);
      buffer = new Uint8Array(size);
      at = 0;
    }
    if (chunk.byteLength >= size) {
      yield chunk;
      continue;
    }
    buffer.set(chunk, at);
    at += chunk.byteLength;
  }
  if (at > 0) yield buffer.subarray(0, at);
}

/** Largest body sent as it is; measured on workerd with the bench's floor Worker (16 KiB to 1 MiB). */
export const maxPlainBytes = 64 * 1024;

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * Bytes already in memory, sent the way workerd sends them fastest: up to 64 KiB as they are, larger
 * ones written once through a FixedLengthStream. Past the crossover near 64 KiB the stream served more
 * requests a second the larger the body (256 KiB 1.4×, 1 MiB 2×).
 */
export function bytesBody(bytes: Uint8Array): Uint8Array | ReadableStream<Uint8Array> {
  return bytes.byteLength <= maxPlainBytes ? bytes : fixedLengthBody(bytes.byteLength, once(bytes));
}
