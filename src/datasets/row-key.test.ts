import { describe, expect, it } from 'vitest';
import { rowKey } from './row-key.ts';
import type { Row } from './types.ts';

describe('rowKey', () => {
  it('keys rows by every key column, absent cells as null, text whatever its case', () => {
    const key = (row: Row) => rowKey(row, ['country', 'year']);
    expect(key({ country: 'CN', year: 2023 })).not.toBe(key({ country: 'CN', year: 2024 }));
    expect(key({ country: 'CN', year: 2023 })).toBe(key({ country: 'cn', year: 2023, share: 1 }));
    expect(key({ country: 'CN' })).toBe(key({ country: 'CN', year: null }));
    expect(key({ country: 'CN' })).not.toBe(key({ country: 'CN', year: 'null' }));
  });
});
