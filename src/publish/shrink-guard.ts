/** Largest share of rows one publish may remove unless forced, when a dataset names none. */
export const defaultShrinkGuard = 0.5;

export interface Shrink {
  removing: number;
  of: number;
  allowed: number;
}

/**
 * A publish that removes more than the guard's share of the rows is far more often a truncated sheet
 * or the wrong tab than an intended edit, so it needs `force`.
 */
export function shrinkBeyondGuard(previousRows: number, removing: number, guard: number): Shrink | null {
  if (previousRows === 0 || removing <= guard * previousRows) return null;
  return { removing, of: previousRows, allowed: guard };
}

const percent = (n: number) => `${Math.round(n * 100)}%`;

/** The limit in an editor's words: `this dataset allows removing at most 50% of its rows in one publish`. */
export function shrinkAllowance(allowed: number): string {
  return allowed <= 0
    ? 'this dataset allows no rows to be removed in one publish'
    : `this dataset allows removing at most ${percent(allowed)} of its rows in one publish`;
}

/**
 * The Worker's refusal, worded for a publish or, given the version, for a rollback to it: what would
 * go, the limit, and what to do. Forcing takes an admin token (a publish token is refused), so the
 * advice says who can.
 */
export function shrinkDetail(dataset: string, shrink: Shrink, rollbackTo?: number): string {
  const action = rollbackTo === undefined ? 'This publish' : `Rolling back to version ${rollbackTo}`;
  const advice =
    rollbackTo === undefined
      ? 'Check the tab: rows may have been deleted, filtered out or given another key (a changed key counts as a row removed and one added). If the rows should go, someone with an admin token can publish anyway with "force": true.'
      : 'If those rows should go, send "force": true with the rollback.';
  return (
    `${action} would remove ${shrink.removing} of the ${shrink.of} rows of "${dataset}" ` +
    `(${percent(shrink.removing / shrink.of)}); ${shrinkAllowance(shrink.allowed)}. ${advice}`
  );
}
