/**
 * What the sidebar shows after a menu action: one entry per tab. Built in the script (where the
 * Worker's answers are read) and handed to the sidebar page as JSON, which renders it; so the
 * sentences are made here once, and the page only lays them out.
 */
export interface Changes {
  added: number;
  removed: number;
  changed: number;
}

/** A problem or warning at a cell (`Production!C5`, or a whole row `Production!4:4`), or at the tab. */
export interface Issue {
  message: string;
  cell?: string;
  /** The column's header as written in the tab. */
  column?: string;
}

export type OutcomeKind =
  | 'published'
  | 'unchanged'
  | 'checked'
  | 'problems'
  | 'refused'
  | 'failed'
  | 'skipped';

export interface TabOutcome {
  /** The tab's title in this spreadsheet (or the dataset's expected tab when there is none). */
  tab: string;
  kind: OutcomeKind;
  /** One sentence: "Published version 5 (+2 −0 ~1)". */
  summary: string;
  /** What to do next, when the summary alone does not say. */
  advice?: string;
  /** The dataset's public page, where there is one to see. */
  page?: string;
  problems: Issue[];
  /** Problems found in all; more than `problems` when the Worker stopped listing. */
  problemCount?: number;
  warnings: Issue[];
  /** Problem cells marked with a note; fewer than the problems when there were too many to mark. */
  marked?: number;
}

export type Action = 'check' | 'publish' | 'publish-all' | 'open' | 'settings';

export interface SidebarData {
  action: Action;
  heading: string;
  /** A sentence about the whole action (settings missing, nothing to publish…). */
  notice?: string;
  /** Links to open (the published page, the catalogue). */
  links: { text: string; href: string }[];
  tabs: TabOutcome[];
}

/** `(+2 −0 ~1)`, as the sync prints a publish. */
export function changeCounts(changes: Changes): string {
  return `(+${changes.added} −${changes.removed} ~${changes.changed})`;
}

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** "would add 2 rows, change 1 row": the counts that are not zero, in words. */
export function changeWords(changes: Changes): string {
  const parts = [
    changes.added > 0 ? `add ${rows(changes.added)}` : '',
    changes.removed > 0 ? `remove ${rows(changes.removed)}` : '',
    changes.changed > 0 ? `change ${rows(changes.changed)}` : '',
  ].filter((part) => part !== '');
  if (parts.length === 0) return 'change nothing';
  return parts.length === 1
    ? (parts[0] as string)
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
