import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column } from '../datasets/columns.ts';
import { rowKey } from '../datasets/row-key.ts';
import type { Row } from '../datasets/types.ts';
import { canonicalRow } from '../store/pages.ts';
import { type KeyedLine, keyedLines, RowsCut, rowSender } from './keyed-line-stream.ts';

const columns: Column[] = [
  { name: 'id', type: 'string', nullable: false },
  { name: 'note', type: 'string', nullable: true },
  { name: 'n', type: 'number', nullable: true },
];
const key = ['id'];

/** Sends `rows` through a sender (ended, or cut after them) while the writer's side reads them. */
async function roundTrip(rows: readonly Row[], end = true): Promise<KeyedLine[][]> {
  const sender = rowSender(columns, key);
  const batches: KeyedLine[][] = [];
  const read = (async () => {
    for await (const batch of keyedLines(sender.readable)) batches.push(batch);
  })();
  for (const row of rows) await sender.send(row);
  if (end) await sender.end();
  else sender.cut();
  await read;
  return batches;
}

// Text of every width in UTF-8, long runs included, so rows and characters straddle chunk ends.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', 'é', '中', '😀', '\t', '\n', '"', '\\'), maxLength: 3000 }),
);
const rows = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 12 }),
    note: fc.option(text),
    n: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
  }),
  { selector: (row) => rowKey(row as Row, key), maxLength: 400 },
);

describe('the rows stream from the Worker to the writer', () => {
  it('delivers every row, in order, as its key and canonical line', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (sent) => {
        const received = (await roundTrip(sent as Row[])).flat();
        expect(received).toEqual(
          sent.map((row) => ({ key: rowKey(row as Row, key), line: canonicalRow(row as Row, columns) })),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('carries rows larger than a chunk, and characters split between reads', async () => {
    const huge = (c: string) => ({ id: c, note: c.repeat(200_000), n: 1 });
    const sent = [huge('é'), huge('中'), huge('😀'), { id: 'x', note: null, n: null }];
    const received = (await roundTrip(sent)).flat();
    expect(received.map((row) => row.line)).toEqual(sent.map((row) => canonicalRow(row, columns)));
  });

  it('hands the rows on in batches, not all at once', async () => {
    const sent = Array.from({ length: 20_000 }, (_, i) => ({ id: `row ${i}`, note: 'x'.repeat(50), n: i }));
    const batches = await roundTrip(sent);
    expect(batches.length).toBeGreaterThan(4);
    expect(batches.flat()).toHaveLength(sent.length);
  });

  it('fails a stream cut short rather than publishing part of it', async () => {
    await expect(roundTrip([{ id: 'a', note: null, n: 1 }], false)).rejects.toBeInstanceOf(RowsCut);
    await expect(roundTrip([], false)).rejects.toBeInstanceOf(RowsCut);
  });
});
