import fc from 'fast-check';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { ndjsonLines } from './ndjson-lines.ts';

/** A byte stream, as workerd gives a request body, sending `bytes` cut at `cuts`. */
function bodyOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const ends = [...new Set(cuts.map((cut) => cut % (bytes.byteLength + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const end of [...ends, bytes.byteLength]) {
    if (end > from) pieces.push(bytes.slice(from, end));
    from = Math.max(from, end);
  }
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const piece = pieces.shift();
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
  });
}

async function linesOf(body: ReadableStream<Uint8Array>, maxLineBytes = 1024) {
  const lines: { text: string; number: number }[] = [];
  for await (const line of ndjsonLines(body, maxLineBytes)) lines.push(line);
  return lines;
}

/** Lines with text of any script (no newline), some ending in `\r`. */
const texts = fc.array(
  fc.record({
    text: fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replace(/[\n\r]/g, '')),
    crlf: fc.boolean(),
  }),
  { maxLength: 12 },
);

describe('ndjsonLines', () => {
  it('yields every line as sent, numbered from 1, however the body is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        texts,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (sent, finalNewline, cuts) => {
          const body = sent.map(({ text, crlf }) => `${text}${crlf ? '\r' : ''}`).join('\n');
          const bytes = new TextEncoder().encode(finalNewline && sent.length > 0 ? `${body}\n` : body);
          // An unended last line with no bytes is none; a byte order mark is dropped from the body's
          // start, and kept anywhere else.
          const expected = sent
            .filter(({ text, crlf }, index) => finalNewline || index < sent.length - 1 || text !== '' || crlf)
            .map(({ text }, index) => ({
              text: index === 0 ? text.replace(/^\uFEFF/, '') : text,
              number: index + 1,
            }));
          expect(await linesOf(bodyOf(bytes, cuts))).toEqual(expected);
        },
      ),
    );
  });

  it("drops a byte order mark from the body's start only: elsewhere it is text, which JSON refuses", async () => {
    const bytes = new TextEncoder().encode('\uFEFF{"options":1}\n\uFEFF{"a":1}\n');
    expect(await linesOf(bodyOf(bytes, [1, 2, 18]))).toEqual([
      { text: '{"options":1}', number: 1 },
      { text: '\uFEFF{"a":1}', number: 2 },
    ]);
  });

  it('refuses a line longer than its limit with a 413 naming the line, wherever the body is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 6 }), async (cuts) => {
        const bytes = new TextEncoder().encode(`{}\n${'x'.repeat(40)}\n{}\n`);
        const refused = await linesOf(bodyOf(bytes, cuts), 32).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(HTTPException);
        expect((refused as HTTPException).status).toBe(413);
        expect((refused as HTTPException).message).toContain('Line 2 is longer than the 32 bytes');
      }),
    );
  });

  it('refuses bytes that are not UTF-8 with a 400 naming the line, even split between reads', async () => {
    const bytes = new Uint8Array([0x7b, 0x7d, 0x0a, 0xe2, 0x82, 0x0a]);
    for (const cut of [3, 4, 5]) {
      const refused = await linesOf(bodyOf(bytes, [cut])).catch((error: unknown) => error);
      expect((refused as HTTPException).status).toBe(400);
      expect((refused as HTTPException).message).toContain('Line 2 is not UTF-8');
    }
  });
});
