/** Anything but printable ASCII and the usual whitespace: only such text needs more than lower case. */
const notAscii = /[^ -~\t\n\r]/;
const marks = /\p{M}/gu;

/**
 * Text as search compares it: case folded (upper then lower, so ß matches ss and a final ς matches σ),
 * compatibility-decomposed and without combining marks, so "Curaçao" matches "curacao" and "ﬁ" matches
 * "fi". ASCII text only needs lower case, and most cells are ASCII.
 */
export function fold(text: string): string {
  if (!notAscii.test(text)) return text.toLowerCase();
  // Decomposed before and after the case mapping: each can bring out what the other folds (ℋ is H).
  // Upper then lower twice: one round can end on a letter another round folds further (ẞ lowers to ß,
  // which uppers to SS).
  const cased = text.normalize('NFKD').toUpperCase().toLowerCase().toUpperCase().toLowerCase();
  return cased.normalize('NFKD').replace(marks, '').replaceAll('ς', 'σ');
}
