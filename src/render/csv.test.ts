import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvChunk, neutraliseFormula } from './csv.ts';

const formulaStart = /^[=+\-@\t\r]/;
const separators = [',', ';', '\t'];
/** Text made of the characters that matter here, so the interesting cases come often. */
const cellText = fc.string({
  unit: fc.constantFrom('x', ' ', '=', '+', '-', '@', '\t', '\r', ',', ';', '"', "'"),
});

const line = (text: string) => csvChunk([{ a: text }], ['a'], false);

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

  it('sends x;=1+1 so that no separator starts a formula, quoted for the apps that honour quotes', () => {
    expect(line('x;=1+1')).toBe(`"x;'=1+1"\r\n`);
    expect(line('a,@cmd')).toBe(`"a,'@cmd"\r\n`);
    expect(line('=1+1')).toBe("'=1+1\r\n");
    expect(line('plain; text')).toBe('"plain; text"\r\n');
  });

  it('leaves no cell starting with a formula character, whichever separator an app splits on', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const csv = line(text).replace(/\r\n$/, '');
        for (const delimiter of separators) {
          // An app that ignores quotes, and one that honours them.
          for (const cell of csv.split(delimiter)) expect(cell).not.toMatch(formulaStart);
          const [parsed] = parse(csv, { delimiter }) as string[][];
          for (const cell of parsed ?? []) expect(cell).not.toMatch(formulaStart);
        }
        // Read back as sent (comma-separated), the text is only ever added to with apostrophes.
        const [back = ''] = (parse(csv, { delimiter: ',' }) as string[][])[0] ?? [];
        expect(back.replaceAll("'", '')).toBe(text.replaceAll("'", ''));
      }),
    );
  });
});
