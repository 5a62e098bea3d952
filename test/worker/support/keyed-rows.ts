import { rowKey } from '../../../src/datasets/row-key.ts';
import type { Row } from '../../../src/datasets/types.ts';
import type { KeyedLine } from '../../../src/publish/keyed-line-stream.ts';
import type { PublishRequest } from '../../../src/publish/publish-request.ts';
import { canonicalRow } from '../../../src/store/pages.ts';

/** Rows as the writer takes them from the Worker's stream: key and canonical line, in batches of 1,000. */
export function keyedRows(
  request: Pick<PublishRequest, 'columns' | 'key'>,
  rows: readonly Row[],
): KeyedLine[][] {
  const batches: KeyedLine[][] = [];
  for (let at = 0; at < rows.length; at += 1000) {
    const batch = rows.slice(at, at + 1000);
    batches.push(
      batch.map((row) => ({ key: rowKey(row, request.key), line: canonicalRow(row, request.columns) })),
    );
  }
  return batches;
}
