import type { Column } from '../datasets/columns.ts';
import { rowKey } from '../datasets/row-key.ts';
import type { Row } from '../datasets/types.ts';
import { byteChunks } from '../http/byte-chunks.ts';
import { ChunkedEncoder } from '../store/chunked-encoder.ts';
import { canonicalRow } from '../store/pages.ts';

/** A row as the writer takes it: its key (`rowKey`) and its canonical line, as stored. */
export interface KeyedLine {
  key: string;
  line: string;
}

/**
 * The rows the Worker validated, streamed to the writer over RPC: one `key TAB line` per row (neither
 * holds a raw tab or newline: both are JSON), then a last line `#end <count>`. The end line is what
 * tells a finished stream from one cut short, so the writer never publishes part of the rows.
 */
const endMark = '#end ';

/** Bytes gathered before a write: one RPC chunk per 256 KB, not one per row (`ChunkedEncoder`). */
const chunkBytes = 256 * 1024;

/** Bytes of rows the writer stages at once (one SQLite transaction). */
const batchBytes = 256 * 1024;

/** Bytes decoded into one string: under the 128 KB past which V8 allocates a string in its old generation. */
const pieceBytes = 64 * 1024;

/** Chunks the Worker may send ahead of the writer (about 1 MB): both sides work at once. */
const chunksAhead = 4;

export interface RowSender {
  readonly readable: ReadableStream<Uint8Array>;
  /** Sends one validated row; waits while the writer is behind (the stream's backpressure). */
  send(row: Row): Promise<void>;
  /** Sends the end line and closes the stream. */
  end(): Promise<void>;
  /**
   * Ends the stream without its end line: the writer fails without publishing. (Closing rather than
   * aborting: an abort's reason would surface as an uncaught error where the runtime pumps the stream.)
   */
  cut(): void;
}

export function rowSender(columns: readonly Column[], key: readonly string[]): RowSender {
  const pipe = new TransformStream<Uint8Array, Uint8Array>(
    {},
    undefined,
    new CountQueuingStrategy({ highWaterMark: chunksAhead }),
  );
  const writer = pipe.writable.getWriter();
  const chunks = new ChunkedEncoder(chunkBytes, (chunk) => writer.write(chunk));
  let count = 0;
  return {
    readable: pipe.readable,
    async send(row) {
      await chunks.put(`${rowKey(row, key)}\t${canonicalRow(row, columns)}\n`);
      count++;
    },
    async end() {
      await chunks.put(`${endMark}${count}\n`);
      await chunks.flush();
      await writer.close();
    },
    cut() {
      // Queued rows still go first; if the writer has stopped reading, closing fails, which is the point.
      writer.close().catch(() => undefined);
    },
  };
}

/** The stream ended without its end line: the Worker refused the rows part way (or lost them). */
export class RowsCut extends Error {}

/**
 * The rows of a stream made by `rowSender`, in order, a batch at a time (the writer stages a batch in
 * one SQLite transaction); throws if the stream ends without its end line. The runtime delivers a few
 * KB a read: the reads are gathered as bytes and decoded into rows only once a batch's worth has
 * arrived, so a row's strings live for the batch's synchronous work, not across a hundred reads.
 */
export async function* keyedLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<KeyedLine[]> {
  const decoder = new TextDecoder();
  let held = new Uint8Array(batchBytes);
  let heldBytes = 0;
  let rest = '';
  let count = 0;
  let ended = false;
  const parse = (text: string): KeyedLine => {
    const tab = text.indexOf('\t');
    if (tab < 0) throw new Error('A row reached the writer without its key');
    return { key: text.slice(0, tab), line: text.slice(tab + 1) };
  };
  const rowOf = (line: string) => {
    if (ended) throw new Error('Rows reached the writer after the end of the stream');
    if (!line.startsWith(endMark)) {
      count++;
      return parse(line);
    }
    if (Number(line.slice(endMark.length)) !== count)
      throw new Error(`The stream ended after ${count} rows, not the ${line.slice(endMark.length)} sent`);
    ended = true;
    return undefined;
  };
  /**
   * The rows of the bytes held, which it empties; the last one, if cut, waits in `rest`. Decoded a
   * piece at a time: a string over 128 KB goes straight to V8's old generation, garbage that only a
   * full collection frees.
   */
  const batchOfHeld = (last: boolean): KeyedLine[] => {
    const batch: KeyedLine[] = [];
    const take = (text: string) => {
      const lines = (rest + text).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const row = rowOf(line);
        if (row) batch.push(row);
      }
    };
    for (let from = 0; from < heldBytes; ) {
      let to = Math.min(heldBytes, from + pieceBytes);
      const newline = to < heldBytes ? held.lastIndexOf(0x0a, to - 1) : -1;
      if (newline >= from) to = newline + 1;
      take(decoder.decode(held.subarray(from, to), { stream: true }));
      from = to;
    }
    if (last) take(decoder.decode());
    heldBytes = 0;
    return batch;
  };
  for await (const chunk of byteChunks(stream, batchBytes)) {
    if (heldBytes + chunk.byteLength > held.byteLength) {
      const larger = new Uint8Array(Math.max(held.byteLength * 2, heldBytes + chunk.byteLength));
      larger.set(held.subarray(0, heldBytes));
      held = larger;
    }
    held.set(chunk, heldBytes);
    heldBytes += chunk.byteLength;
    if (heldBytes < batchBytes) continue;
    const batch = batchOfHeld(false);
    if (batch.length > 0) yield batch;
  }
  const batch = batchOfHeld(true);
  if (batch.length > 0) yield batch;
  if (!ended || rest !== '') throw new RowsCut(`The rows stream was cut short after ${count} rows`);
}
