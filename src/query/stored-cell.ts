import type { CellValue } from '../datasets/types.ts';

/**
 * Reads one cell of a stored row line (a flat JSON object, src/store/pages.ts) without parsing the
 * rest, so a filter can look at the cells it needs and skip rows that do not match without building
 * them. `{"name":` or `,"name":` can only be a member name: inside a string every quote is escaped.
 */
export function storedCellReader(name: string): (line: string) => CellValue {
  const member = `${JSON.stringify(name)}:`;
  const first = `{${member}`;
  const later = `,${member}`;
  return (line) => {
    let start: number;
    if (line.startsWith(first)) start = first.length;
    else {
      const at = line.indexOf(later);
      if (at < 0) return null;
      start = at + later.length;
    }
    if (line.charCodeAt(start) === 0x22) return storedString(line, start);
    const comma = line.indexOf(',', start);
    const token = line.slice(start, comma < 0 ? line.length - 1 : comma);
    if (token === 'null') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    return Number(token);
  };
}

/** The string whose opening quote is at `start`: its closing quote is the first one not escaped. */
function storedString(line: string, start: number): string {
  let end = line.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (line.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) break;
    end = line.indexOf('"', end + 1);
  }
  const token = line.slice(start, end + 1);
  return token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
}
