import { describe, expect, it } from 'vitest';
import { testDataset } from '../../test/worker/support/test-dataset.ts';
import { findDuplicateKeys } from './duplicate-keys.ts';
import { rowKey } from './row-key.ts';
import type { Row } from './types.ts';

describe('findDuplicateKeys', () => {
  it('matches rows by the same key the duplicate check uses, so a diff never merges two rows', () => {
    const def = { ...testDataset, key: ['name', 'share'] };
    const rows: Row[] = [
      { name: 'a', share: 1 },
      { name: 'a', share: '1' },
      { name: 'a' },
      { name: 'a', share: null },
    ];
    const duplicates = findDuplicateKeys(def, rows);
    expect(duplicates).toEqual([{ row: 3, duplicateOf: 2 }]);
    expect(new Set(rows.map((row) => rowKey(row, def.key))).size).toBe(rows.length - duplicates.length);
  });
});
