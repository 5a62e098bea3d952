import { byteChunks } from './byte-chunks.ts';
import { problem } from './problem.ts';

/** One line of an NDJSON body: its text and its number, from 1. */
export interface NdjsonLine {
  text: string;
  number: number;
}

// Each line is decoded on its own, so the decoder keeps a byte order mark wherever it is: only the
// body's first (`decoded` drops it from line 1) is one; elsewhere U+FEFF is text, and not JSON.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const byteOrderMark = '\uFEFF';
const newline = 0x0a;

/** Bytes read from the body at once, into one buffer. */
const readBytes = 64 * 1024;

function decoded(parts: Uint8Array[], length: number, number: number): string {
  const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : new Uint8Array(length);
  if (parts.length > 1) {
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.byteLength;
    }
  }
  try {
    // A lenient decode would publish U+FFFD in place of every byte it could not read.
    const decodedText = utf8.decode(bytes);
    const text = number === 1 && decodedText.startsWith(byteOrderMark) ? decodedText.slice(1) : decodedText;
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  } catch {
    throw problem(400, `Line ${number} is not UTF-8 text: send the NDJSON encoded as UTF-8.`);
  }
}

/**
 * The lines of a body as they arrive, never the body whole: at most one line (of `maxLineBytes`) is
 * held at a time; a longer one is a 413 naming it. A final newline ends the last line; `\r\n` is taken.
 * The body is read into one reused buffer (`byteChunks`).
 */
export async function* ndjsonLines(
  body: ReadableStream<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<NdjsonLine> {
  let parts: Uint8Array[] = [];
  let length = 0;
  let number = 1;
  const tooLong = () =>
    problem(
      413,
      `Line ${number} is longer than the ${maxLineBytes} bytes a line may have; nothing was published. ` +
        'A row that long cannot be stored: check that each row is one line and that no cell holds a whole file.',
      { line: number },
    );
  for await (const chunk of byteChunks(body, readBytes)) {
    let from = 0;
    for (let end = chunk.indexOf(newline); end >= 0; end = chunk.indexOf(newline, from)) {
      const piece = chunk.subarray(from, end);
      if (length + piece.byteLength > maxLineBytes) throw tooLong();
      parts.push(piece);
      yield { text: decoded(parts, length + piece.byteLength, number), number };
      parts = [];
      length = 0;
      number++;
      from = end + 1;
    }
    const rest = chunk.subarray(from);
    if (length + rest.byteLength > maxLineBytes) throw tooLong();
    if (rest.byteLength > 0) {
      // Kept past this chunk, whose buffer the next read reuses.
      parts.push(rest.slice());
      length += rest.byteLength;
    }
  }
  if (length > 0) yield { text: decoded(parts, length, number), number };
}
