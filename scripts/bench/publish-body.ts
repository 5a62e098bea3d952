import { eachSyntheticRow } from './synthetic.ts';

/**
 * How the bench sends a publish: `json`, the whole-body `{ "rows": [...] }`, or `ndjson`, the
 * streamed form (`application/x-ndjson`: a line of options, then one row a line).
 */
export type PublishFormat = 'json' | 'ndjson';

export const contentTypes: Record<PublishFormat, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
};

/** Rows serialised per chunk: ~200 KB, so a chunk is cheap and the body is never held whole. */
const rowsPerChunk = 1_000;

/**
 * `count` synthetic rows as a request body, generated as it is read: a 1,000,000-row body (~210 MB)
 * costs the bench one chunk of memory at a time. `bytes` grows as chunks are pulled. Another `seed`
 * gives the same ids with other values: every row changed.
 */
export function publishBody(count: number, format: PublishFormat, seed = 1) {
  const encoder = new TextEncoder();
  const rows = eachSyntheticRow(count, seed);
  const sent = { bytes: 0, rows: 0 };
  let started = false;
  let finished = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (finished) return;
      let text = '';
      if (!started) {
        text = format === 'json' ? '{"rows":[' : '{}\n';
        started = true;
      }
      for (let i = 0; i < rowsPerChunk; i++) {
        const { value, done } = rows.next();
        if (done) {
          finished = true;
          if (format === 'json') text += ']}';
          break;
        }
        const line = JSON.stringify(value);
        text += format === 'json' ? (sent.rows === 0 ? line : `,${line}`) : `${line}\n`;
        sent.rows++;
      }
      const chunk = encoder.encode(text);
      sent.bytes += chunk.byteLength;
      controller.enqueue(chunk);
      if (finished) controller.close();
    },
    cancel() {
      finished = true;
    },
  });
  return { stream, sent };
}
