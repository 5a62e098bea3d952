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

/** The refusal, worded for a publish or, given the version, for a rollback to it. */
export function shrinkDetail(dataset: string, shrink: Shrink, rollbackTo?: number): string {
  const percent = (n: number) => `${Math.round(n * 100)}%`;
  const action = rollbackTo === undefined ? 'This publish' : `Rolling back to version ${rollbackTo}`;
  const advice =
    rollbackTo === undefined
      ? 'Check the sheet; if the rows should go, send "force": true to publish anyway.'
      : 'If those rows should go, send "force": true with the rollback.';
  return (
    `${action} would remove ${shrink.removing} of the ${shrink.of} rows of "${dataset}" ` +
    `(${percent(shrink.removing / shrink.of)}); the dataset allows at most ${percent(shrink.allowed)} in one publish. ` +
    advice
  );
}
