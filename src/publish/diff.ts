export interface KeyedLine {
  key: string;
  /** The row serialized canonically, so equal rows are equal strings. */
  line: string;
}

export interface LineDiff {
  /** Indexes into the new rows, in their order. */
  added: number[];
  /** Keys of the previous rows that are gone, in their previous order. */
  removed: string[];
  /** Indexes into the new rows whose key existed with other content. */
  changed: number[];
}

/** Row-level diff by key over canonical lines: no row is parsed, a row that only moved is unchanged. */
export function diffLines(previous: ReadonlyMap<string, string>, next: readonly KeyedLine[]): LineDiff {
  const added: number[] = [];
  const changed: number[] = [];
  const seen = new Set<string>();
  next.forEach(({ key, line }, index) => {
    seen.add(key);
    const before = previous.get(key);
    if (before === undefined) added.push(index);
    else if (before !== line) changed.push(index);
  });
  const removed = [...previous.keys()].filter((key) => !seen.has(key));
  return { added, removed, changed };
}
