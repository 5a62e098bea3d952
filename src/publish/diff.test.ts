import { describe, expect, it } from 'vitest';
import { asMap, keyed } from '../../test/worker/support/keyed-lines.ts';
import { items } from '../../test/worker/support/test-dataset.ts';
import { rowKey } from '../datasets/row-key.ts';
import { diffLines } from './diff.ts';

describe('diffLines', () => {
  it('finds added, removed and changed rows by key; moving a row is no change', () => {
    const before = keyed(items(4));
    const edited = items(5);
    edited[1] = { ...edited[1], name: 'renamed' } as (typeof edited)[number];
    const after = keyed([edited[3], edited[1], edited[4]].filter((r) => r !== undefined));
    expect(diffLines(asMap(before), after)).toEqual({
      added: [2],
      removed: [rowKey({ id: 0 }, ['id']), rowKey({ id: 2 }, ['id'])],
      changed: [1],
    });
  });
});
