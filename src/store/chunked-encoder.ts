/**
 * Text encoded as UTF-8 into byte chunks of a fixed size as it comes, each full chunk handed on.
 *
 * For text made a row at a time and sent or hashed by the hundred kilobytes: each row's string is
 * encoded at once and can die young. Gathering the strings and joining them per chunk kept them
 * alive across the awaits between rows, long enough for V8 to move them to its old generation, and
 * made each joined chunk a string over 128 KB, which V8 allocates there directly: a 1,000,000-row
 * publish piled up its whole text as old garbage, freed only by a full collection.
 */
export class ChunkedEncoder {
  readonly #encoder = new TextEncoder();
  readonly #chunkBytes: number;
  readonly #write: (chunk: Uint8Array) => Promise<void>;
  #chunk: Uint8Array;
  #used = 0;

  /** `write` takes each chunk (its own buffer) and may wait: `put` and `flush` wait for it. */
  constructor(chunkBytes: number, write: (chunk: Uint8Array) => Promise<void>) {
    this.#chunkBytes = chunkBytes;
    this.#write = write;
    this.#chunk = new Uint8Array(chunkBytes);
  }

  /** Encodes `text` after what came before; a character is never split between two chunks. */
  async put(text: string): Promise<void> {
    for (let rest = this.#encode(text); rest !== ''; rest = this.#encode(rest)) await this.flush();
  }

  /** Hands on what is gathered, if anything, as a chunk of its own. */
  async flush(): Promise<void> {
    if (this.#used === 0) return;
    const full = this.#chunk.subarray(0, this.#used);
    this.#chunk = new Uint8Array(this.#chunkBytes);
    this.#used = 0;
    await this.#write(full);
  }

  /** Encodes what fits of `text`; answers the rest ('' when it all fit). */
  #encode(text: string): string {
    const { read, written } = this.#encoder.encodeInto(text, this.#chunk.subarray(this.#used));
    this.#used += written;
    return read === text.length ? '' : text.slice(read);
  }
}
