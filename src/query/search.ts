import type { Row } from '../datasets/types.ts';
import { badParam } from './param-problem.ts';
import { fold } from './text-fold.ts';

/** Long enough for any real search, short enough that a request's cost stays small. */
export const maxSearchLength = 500;

const termPattern = /"([^"]*)"?|([^\s"]+)/gu;
const whitespace = /\s+/gu;
/** Characters JSON writes escaped: a word holding one cannot be looked for in a stored line as it is. */
const escapedInJson = /["\\\p{Cc}\p{Cs}]/u;

export interface Search {
  /** The words and quoted phrases, folded, each phrase's spaces collapsed to one. */
  terms: string[];
  /** Every single word of the terms that can be looked for in a folded stored line. */
  lineWords: string[];
}

/** `q`: words and "quoted phrases", each of which a matching row's text must contain. */
export function parseSearch(q: string): Search {
  if (q.length > maxSearchLength) {
    throw badParam('q', `q is at most ${maxSearchLength} characters; got ${q.length}.`);
  }
  const terms: string[] = [];
  for (const [, phrase, word] of q.matchAll(termPattern)) {
    const term = fold(phrase ?? word ?? '')
      .replace(whitespace, ' ')
      .trim();
    if (term !== '' && !terms.includes(term)) terms.push(term);
  }
  if (terms.length === 0) {
    throw badParam('q', 'q needs at least one word to search for, like q=magnet or q="rare earth".');
  }
  const lineWords = terms.flatMap((t) => t.split(' ')).filter((w) => !escapedInJson.test(w));
  return { terms, lineWords };
}

/** The text of a row's text cells, folded, cells apart so a phrase never spans two. */
function searchableText(row: Row): string {
  let text = '';
  for (const cell of Object.values(row)) {
    if (typeof cell === 'string') text += `${fold(cell).replace(whitespace, ' ')}\u0000`;
  }
  return text;
}

export function rowMatchesSearch(row: Row, search: Search): boolean {
  const text = searchableText(row);
  return search.terms.every((term) => text.includes(term));
}

/**
 * A cheap first look at a stored line: a row whose text holds every term holds every word in its
 * line too (names and numbers may add false hits, which the row check then drops). A line known to be
 * ASCII folds by lower case alone, which saves most of the cost on most data.
 */
export function lineMayMatchSearch(line: string, search: Search, ascii = false): boolean {
  if (search.lineWords.length === 0) return true;
  const folded = ascii ? line.toLowerCase() : fold(line);
  return search.lineWords.every((word) => folded.includes(word));
}
