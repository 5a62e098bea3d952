import { describe, expect, it } from 'vitest';
import { coalesced } from './byte-stream.ts';

async function* chunksOf(...sizes: number[]): AsyncGenerator<Uint8Array> {
  let value = 0;
  for (const size of sizes) yield Uint8Array.from({ length: size }, () => value++ % 251);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const all: Uint8Array[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

const joined = (chunks: Uint8Array[]) => Uint8Array.from(chunks.flatMap((c) => [...c]));

describe('coalesced', () => {
  it('gathers small chunks into writes of at most the size, bytes and order unchanged', async () => {
    const sizes = [4, 2, 4, 2, 4, 2, 1];
    const out = await collect(coalesced(chunksOf(...sizes), 8));
    expect(out.map((c) => c.byteLength)).toEqual([6, 6, 7]);
    expect(joined(out)).toEqual(joined(await collect(chunksOf(...sizes))));
  });

  it('passes a chunk of the size or more as it is, after what came before it', async () => {
    const out = await collect(coalesced(chunksOf(3, 20, 2), 8));
    expect(out.map((c) => c.byteLength)).toEqual([3, 20, 2]);
    expect(joined(out)).toEqual(joined(await collect(chunksOf(3, 20, 2))));
  });

  it('never reuses a buffer it has handed on', async () => {
    const out = await collect(coalesced(chunksOf(5, 5, 5), 8));
    expect(out).toHaveLength(3);
    expect(new Set(out.map((c) => c.buffer)).size).toBe(3);
  });

  it('yields nothing for nothing', async () => {
    expect(await collect(coalesced(chunksOf(), 8))).toEqual([]);
  });
});
