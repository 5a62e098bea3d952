import { describe, expect, it } from 'vitest';
import { numberFormatType } from './number-format.ts';

describe('numberFormatType', () => {
  it.each([
    ['General', undefined],
    ['0.###############', undefined],
    ['', undefined],
    ['@', 'TEXT'],
    ['0%', 'PERCENT'],
    ['0.00%', 'PERCENT'],
    ['#,##0', 'NUMBER'],
    ['0.00', 'NUMBER'],
    ['#,##0.00;(#,##0.00)', 'NUMBER'],
    ['0.00E+00', 'SCIENTIFIC'],
    ['$#,##0.00', 'CURRENCY'],
    ['[$€-2] #,##0.00', 'CURRENCY'],
    ['yyyy-mm-dd', 'DATE'],
    ['d mmmm yyyy', 'DATE'],
    ['M/d/yyyy', 'DATE'],
    ['mmm yyyy', 'DATE'],
    ['yyyy-mm-dd hh:mm:ss', 'DATE_TIME'],
    ['M/d/yyyy H:mm:ss', 'DATE_TIME'],
    ['h:mm:ss am/pm', 'TIME'],
    ['[h]:mm:ss', 'TIME'],
    ['hh:mm', 'TIME'],
  ])('%j is %s', (pattern, type) => {
    expect(numberFormatType(pattern)).toBe(type);
  });

  it('reads quoted text, escapes and colours as literals, not as tokens', () => {
    expect(numberFormatType('0" days"')).toBe('NUMBER');
    expect(numberFormatType('0\\%')).toBe('NUMBER');
    expect(numberFormatType('[Red]0.0')).toBe('NUMBER');
    expect(numberFormatType('0 "% share"')).toBe('NUMBER');
    expect(numberFormatType('"Year "0')).toBe('NUMBER');
  });

  it('decides by the first section, as positive numbers are shown', () => {
    expect(numberFormatType('0%;"none"')).toBe('PERCENT');
    expect(numberFormatType('0";"%')).toBe('PERCENT');
  });
});
