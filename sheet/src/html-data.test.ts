import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataElement, dataSlot, withData } from './html-data.ts';

describe('dataElement', () => {
  it('carries any data back unchanged, and nothing in it can close the element', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, text) => {
        const data = { value, text: `${text}</script><b>&amp;\u2028` };
        const element = dataElement(data);
        const inner = element.slice(element.indexOf('>') + 1, element.lastIndexOf('</script>'));
        expect(inner).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(inner)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });
});

describe('withData', () => {
  it('fills the slot, even with text that looks like a replacement pattern', () => {
    expect(withData(`<p>${dataSlot}</p>`, '$&$1')).toBe(`<p>${dataElement('$&$1')}</p>`);
  });

  it('fails loudly for a page without a slot', () => {
    expect(() => withData('<p></p>', {})).toThrow(/no place/);
  });
});
