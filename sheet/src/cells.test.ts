import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellData, rowData, serialOfWallClock } from './cells.ts';

const noSerial = () => {
  throw new Error('no date expected');
};

describe('cellData', () => {
  it('gives a number its format type and shown text, as the Sheets API does', () => {
    expect(cellData(0.14, '14%', '0%', noSerial)).toEqual({
      effectiveValue: { numberValue: 0.14 },
      formattedValue: '14%',
      effectiveFormat: { numberFormat: { type: 'PERCENT' } },
    });
    expect(cellData(0.7, '0.7', 'General', noSerial)).toEqual({
      effectiveValue: { numberValue: 0.7 },
      formattedValue: '0.7',
    });
  });

  it('turns a date back into its serial, typed DATE (or its own DATE_TIME or TIME)', () => {
    const date = new Date('2024-01-07T15:00:00Z');
    const serialOf = (d: Date) => (d === date ? 45299 : Number.NaN);
    expect(cellData(date, '2024-01-08', 'yyyy-mm-dd', serialOf)).toEqual({
      effectiveValue: { numberValue: 45299 },
      formattedValue: '2024-01-08',
      effectiveFormat: { numberFormat: { type: 'DATE' } },
    });
    expect(cellData(date, '2024-01-08 00:00', 'yyyy-mm-dd hh:mm', serialOf).effectiveFormat).toEqual({
      numberFormat: { type: 'DATE_TIME' },
    });
    expect(cellData(date, '8 Jan', 'General', serialOf).effectiveFormat).toEqual({
      numberFormat: { type: 'DATE' },
    });
  });

  it('passes formula errors as errors, with the text the editor sees', () => {
    expect(cellData('#N/A', '#N/A', 'General', noSerial)).toEqual({
      effectiveValue: { errorValue: { type: 'ERROR', message: '#N/A' } },
      formattedValue: '#N/A',
    });
    expect(cellData('#SPILL!', '#SPILL!', 'General', noSerial).formattedValue).toBe('#SPILL!');
    // Google's "Loading..." is not an error yet; the Worker says to sync again.
    expect(cellData('Loading...', 'Loading...', 'General', noSerial)).toEqual({
      effectiveValue: { stringValue: 'Loading...' },
    });
    expect(cellData('#hashtag', '#hashtag', 'General', noSerial)).toEqual({
      effectiveValue: { stringValue: '#hashtag' },
    });
  });

  it('keeps text and booleans, and reads an empty cell as empty', () => {
    expect(cellData('~70%', '~70%', '@', noSerial)).toEqual({ effectiveValue: { stringValue: '~70%' } });
    expect(cellData(true, 'TRUE', 'General', noSerial)).toEqual({
      effectiveValue: { boolValue: true },
      formattedValue: 'TRUE',
    });
    expect(cellData('', '', '0%', noSerial)).toEqual({});
  });
});

describe('rowData', () => {
  it('leaves out trailing empty cells and rows, as the API does, and keeps empty rows between', () => {
    const rows = rowData(
      {
        values: [
          ['a', '', ''],
          ['', '', ''],
          ['', 2, ''],
          ['', '', ''],
        ],
        displays: [
          ['a', '', ''],
          ['', '', ''],
          ['', '2', ''],
          ['', '', ''],
        ],
        formats: Array.from({ length: 4 }, () => ['General', 'General', 'General']),
      },
      noSerial,
    );
    expect(rows).toEqual([
      { values: [{ effectiveValue: { stringValue: 'a' } }] },
      {},
      { values: [{}, { effectiveValue: { numberValue: 2 }, formattedValue: '2' }] },
    ]);
  });
});

describe('serialOfWallClock', () => {
  const serialEpoch = Date.UTC(1899, 11, 30);
  it('counts days from 1899-12-30, the time of day as the fraction', () => {
    expect(serialOfWallClock('2024-01-08T00:00:00.000')).toBe(45299);
    expect(serialOfWallClock('1899-12-30T18:00:00.000')).toBe(0.75);
  });

  it('agrees with the serial arithmetic for every wall-clock time from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const text = new Date(ms).toISOString().slice(0, 23);
        expect(serialOfWallClock(text)).toBeCloseTo((ms - serialEpoch) / 86_400_000, 9);
      }),
    );
  });
});
