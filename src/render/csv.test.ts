import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './csv.ts';

describe('CSV formula neutralising', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['a=1', 'a=1'],
    ['', ''],
  ])('%j → %j', (input, output) => expect(neutraliseFormula(input)).toBe(output));
});
