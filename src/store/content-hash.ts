import { ChunkedEncoder } from './chunked-encoder.ts';
import { rowSeparator } from './pages.ts';

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

/** Hash of the stored pages themselves: the canonical rows, so equal content means an equal hash. */
export async function contentHash(pages: readonly Uint8Array[]): Promise<string> {
  const separator = new TextEncoder().encode(rowSeparator);
  const total =
    pages.reduce((n, p) => n + p.byteLength, 0) + Math.max(0, pages.length - 1) * separator.length;
  const joined = new Uint8Array(total);
  let at = 0;
  pages.forEach((page, i) => {
    if (i > 0) {
      joined.set(separator, at);
      at += separator.length;
    }
    joined.set(page, at);
    at += page.byteLength;
  });
  return sha256(joined);
}

/** Bytes of rows gathered before they are hashed: one digest write per chunk, not per row. */
const hashChunkBytes = 256 * 1024;

/**
 * The same hash as `contentHash`, fed one row at a time: a publish streamed by the writer never holds
 * its rows, so it cannot join them first.
 */
export class ContentHasher {
  readonly #stream = new crypto.DigestStream('SHA-256');
  readonly #writer = this.#stream.getWriter();
  readonly #chunks = new ChunkedEncoder(hashChunkBytes, (chunk) => this.#writer.write(chunk));
  #rows = 0;

  /** Adds rows, in order, as their stored lines. */
  async add(lines: readonly string[]): Promise<void> {
    for (const line of lines) {
      if (this.#rows++ > 0) await this.#chunks.put(rowSeparator);
      await this.#chunks.put(line);
    }
  }

  async digest(): Promise<string> {
    await this.#chunks.flush();
    await this.#writer.close();
    return hex(await this.#stream.digest);
  }
}
