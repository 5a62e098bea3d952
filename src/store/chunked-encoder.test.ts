import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedEncoder } from './chunked-encoder.ts';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

describe('ChunkedEncoder', () => {
  it('hands on the UTF-8 of all it was given, in chunks of at most its size, never splitting a character', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 60 }), { maxLength: 60 }),
        fc.integer({ min: 4, max: 64 }),
        async (texts, size) => {
          const chunks: Uint8Array[] = [];
          const encoder = new ChunkedEncoder(size, async (chunk) => {
            chunks.push(chunk);
          });
          for (const text of texts) await encoder.put(text);
          await encoder.flush();
          expect(chunks.every((chunk) => chunk.byteLength > 0 && chunk.byteLength <= size)).toBe(true);
          // Each chunk decodes alone: no character straddles two.
          expect(chunks.map((chunk) => strict.decode(chunk)).join('')).toBe(texts.join(''));
        },
      ),
    );
  });

  it('writes a chunk only once it is full, or when flushed', async () => {
    const chunks: string[] = [];
    const encoder = new ChunkedEncoder(8, async (chunk) => {
      chunks.push(strict.decode(chunk));
    });
    await encoder.put('abc');
    await encoder.put('defgh');
    expect(chunks).toEqual([]);
    await encoder.put('ij');
    expect(chunks).toEqual(['abcdefgh']);
    await encoder.flush();
    await encoder.flush();
    expect(chunks).toEqual(['abcdefgh', 'ij']);
  });
});
