import { describe, expect, it } from 'vitest';
import { publishBody } from './publish-body.ts';
import { syntheticRows } from './synthetic.ts';

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString('utf8');

describe('publishBody', () => {
  it.each([0, 1, 999, 1_000, 2_501])('sends %i rows as the JSON body the admin API takes', async (count) => {
    const { stream, sent } = publishBody(count, 'json');
    const chunks = await chunksOf(stream);
    expect(JSON.parse(text(chunks))).toEqual({ rows: syntheticRows(count) });
    expect(sent).toEqual({ rows: count, bytes: Buffer.byteLength(text(chunks)) });
  });

  it.each([0, 1, 1_000, 2_501])(
    'sends %i rows as NDJSON: the options line, then a row a line',
    async (count) => {
      const { stream, sent } = publishBody(count, 'ndjson');
      const lines = text(await chunksOf(stream)).split('\n');
      expect(lines.pop()).toBe('');
      expect(JSON.parse(lines[0] as string)).toEqual({});
      expect(lines.slice(1).map((line: string) => JSON.parse(line))).toEqual(syntheticRows(count));
      expect(sent.rows).toBe(count);
    },
  );

  it('sends the same ids with other values for another seed: every row changed', async () => {
    const rowsOf = async (seed: number): Promise<{ id: number }[]> => {
      const lines: string[] = text(await chunksOf(publishBody(500, 'ndjson', seed).stream)).split('\n');
      return lines.slice(1, -1).map((line) => JSON.parse(line));
    };
    const [first, second] = [await rowsOf(1), await rowsOf(2)];
    expect(second.map((row) => row.id)).toEqual(first.map((row) => row.id));
    expect(second.every((row, i) => JSON.stringify(row) !== JSON.stringify(first[i]))).toBe(true);
  });

  it('generates the body a chunk at a time, as it is read', async () => {
    const { stream, sent } = publishBody(10_000, 'ndjson');
    const reader = stream.getReader();
    const first = await reader.read();
    expect(sent.rows).toBeLessThanOrEqual(2_000);
    expect(first.value?.byteLength).toBeLessThan(1_000_000);
    await reader.cancel();
  });
});
