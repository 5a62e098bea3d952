import { describe, expect, it } from 'vitest';
import { utf8Length } from './utf8-length.ts';

describe('utf8Length', () => {
  it('measures UTF-8 as TextEncoder does, without encoding', () => {
    for (const text of ['', 'plain', 'é', '稀土', '😀', 'a€𝄞b\u00ff\u0800']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
  });
});
