/**
 * The UTF-8 length of a string, counted without encoding it: KV's limits (25 MiB a value) are bytes,
 * and text from a spreadsheet is often 2 or 3 bytes a character (CJK), or 4 for a pair of surrogates.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // 2 bytes up to U+07FF, 3 above, and a surrogate pair (two code units) 4 in all.
    if (code >= 0x80) bytes += code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}
