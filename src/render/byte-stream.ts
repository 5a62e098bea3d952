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
