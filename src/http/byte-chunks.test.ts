import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteChunks } from './byte-chunks.ts';

/** A byte stream (the kind workerd gives a request body) sending `pieces` as they are. */
function byteStream(pieces: Uint8Array[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const piece = pieces[next++];
      if (piece) controller.enqueue(piece.slice());
      else controller.close();
    },
    cancel: onCancel,
  });
}

async function gathered(chunks: AsyncIterable<Uint8Array>): Promise<number[]> {
  const bytes: number[] = [];
  for await (const chunk of chunks) bytes.push(...chunk);
  return bytes;
}

const pieces = fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 12 });

describe('byteChunks', () => {
  it('reads every byte of a byte stream in order, in chunks of at most its size', async () => {
    await fc.assert(
      fc.asyncProperty(pieces, fc.integer({ min: 1, max: 64 }), async (sent, size) => {
        const sizes: number[] = [];
        const bytes: number[] = [];
        for await (const chunk of byteChunks(byteStream(sent), size)) {
          sizes.push(chunk.byteLength);
          bytes.push(...chunk);
        }
        expect(bytes).toEqual(sent.flatMap((piece) => [...piece]));
        expect(sizes.every((n) => n <= size)).toBe(true);
      }),
    );
  });

  it('reads a request body into one buffer: a chunk is given up when the next is read', async () => {
    const body = new TextEncoder().encode('x'.repeat(10_000));
    const request = new Request('http://assay.test/', { method: 'PUT', body });
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    for await (const chunk of byteChunks(request.body as ReadableStream<Uint8Array>, 1024)) {
      expect(chunk.byteLength).toBeGreaterThan(0);
      bytes += chunk.byteLength;
      chunks.push(chunk);
      if (chunks.length > 1) expect(chunks.at(-2)?.byteLength).toBe(0);
    }
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    expect(bytes).toBe(body.byteLength);
  });

  it('reads a stream made in JavaScript as it comes', async () => {
    const sent = [new Uint8Array([1, 2, 3]), new Uint8Array([4])];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of sent) controller.enqueue(piece);
        controller.close();
      },
    });
    expect(await gathered(byteChunks(stream, 2))).toEqual([1, 2, 3, 4]);
  });

  it('cancels the stream and lets it go when the reader throws part way', async () => {
    let cancelled = false;
    const stream = byteStream([new Uint8Array([1]), new Uint8Array([2])], () => {
      cancelled = true;
    });
    const reading = (async () => {
      for await (const _ of byteChunks(stream, 8)) throw new Error('a bad line');
    })();
    await expect(reading).rejects.toThrow('a bad line');
    expect(cancelled).toBe(true);
    expect(stream.locked).toBe(false);
  });

  it('fails with the stream when it errors, rather than waiting', async () => {
    const stream = new ReadableStream({
      type: 'bytes',
      pull(controller) {
        controller.error(new Error('the connection dropped'));
      },
    });
    await expect(gathered(byteChunks(stream, 8))).rejects.toThrow('the connection dropped');
  });

  it('cancels the stream when the reader stops early', async () => {
    let cancelled = false;
    const stream = byteStream([new Uint8Array([1]), new Uint8Array([2])], () => {
      cancelled = true;
    });
    for await (const _ of byteChunks(stream, 8)) break;
    expect(cancelled).toBe(true);
  });
});
