/** Spreadsheet column letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** A1 reference of one cell: 0-based column index, 1-based sheet row (the header is row 1). */
export function cellRef(columnIndex: number, row: number): string {
  return `${columnLetters(columnIndex)}${row}`;
}

/** A tab's name as an A1 reference writes it: quoted (quotes doubled) unless it is one plain word. */
export function tabRef(tab: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(tab) ? tab : `'${tab.replaceAll("'", "''")}'`;
}

/** A1 reference of a whole row, for problems that belong to no single cell (a blank row, a missing column). */
export function rowRef(row: number): string {
  return `${row}:${row}`;
}

/** The 0-based column of a cell reference; a row reference ("4:4") sorts after every cell of its row. */
export function columnIndexOf(ref: string): number {
  const letters = /^([A-Z]+)\d+$/.exec(ref)?.[1];
  if (letters === undefined) return Number.POSITIVE_INFINITY;
  return [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}
