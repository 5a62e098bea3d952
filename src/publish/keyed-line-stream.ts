import type { Column } from '../datasets/columns.ts';
import { rowKey } from '../datasets/row-key.ts';
import type { Row } from '../datasets/types.ts';
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

/** Text gathered before a write: one RPC chunk per 256 K characters, not one per row. */
const chunkChars = 256 * 1024;

/** Characters of rows the writer stages at once (one SQLite transaction). */
const batchTarget = 256 * 1024;

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
  const encoder = new TextEncoder();
  let parts: string[] = [];
  let chars = 0;
  let count = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const text = parts.join('');
    parts = [];
    chars = 0;
    await writer.write(encoder.encode(text));
  };
  return {
    readable: pipe.readable,
    async send(row) {
      const part = `${rowKey(row, key)}\t${canonicalRow(row, columns)}\n`;
      parts.push(part);
      chars += part.length;
      count++;
      if (chars >= chunkChars) await flush();
    },
    async end() {
      parts.push(`${endMark}${count}\n`);
      await flush();
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
 * The rows of a stream made by `rowSender`, in order, a chunk's worth at a time (the writer stages a
 * batch in one SQLite transaction); throws if the stream ends without its end line.
 */
export async function* keyedLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<KeyedLine[]> {
  const decoder = new TextDecoder();
  let rest = '';
  let count = 0;
  let ended = false;
  const parse = (text: string): KeyedLine => {
    const tab = text.indexOf('\t');
    if (tab < 0) throw new Error('A row reached the writer without its key');
    return { key: text.slice(0, tab), line: text.slice(tab + 1) };
  };
  let batch: KeyedLine[] = [];
  let batchChars = 0;
  for await (const chunk of stream) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (ended) throw new Error('Rows reached the writer after the end of the stream');
      if (line.startsWith(endMark)) {
        if (Number(line.slice(endMark.length)) !== count + batch.length)
          throw new Error(
            `The stream ended after ${count + batch.length} rows, not the ${line.slice(endMark.length)} sent`,
          );
        ended = true;
      } else {
        batch.push(parse(line));
        batchChars += line.length;
      }
    }
    // The runtime delivers a few KB a read; rows are handed on by the batch, not by the read.
    if (batchChars >= batchTarget || (ended && batch.length > 0)) {
      count += batch.length;
      yield batch;
      batch = [];
      batchChars = 0;
    }
  }
  if (!ended || rest !== '') throw new RowsCut(`The rows stream was cut short after ${count} rows`);
}
