import { describe, expect, it } from 'vitest';
import { shrinkBeyondGuard, shrinkDetail } from './shrink-guard.ts';

describe('shrink guard', () => {
  it('allows up to the guard and stops beyond it', () => {
    expect(shrinkBeyondGuard(10, 5, 0.5)).toBeNull();
    expect(shrinkBeyondGuard(10, 6, 0.5)).toEqual({ removing: 6, of: 10, allowed: 0.5 });
    expect(shrinkBeyondGuard(0, 0, 0.5)).toBeNull();
    expect(shrinkBeyondGuard(10, 1, 0)).not.toBeNull();
  });

  it('says how many rows would go, the limit, and that forcing takes an admin token', () => {
    const detail = shrinkDetail('d', { removing: 6, of: 10, allowed: 0.5 });
    expect(detail).toBe(
      'This publish would remove 6 of the 10 rows of "d" (60%); this dataset allows removing at most 50% of its rows in one publish. ' +
        'Check the tab: rows may have been deleted, filtered out or given another key (a changed key counts as a row removed and one added). ' +
        'If the rows should go, someone with an admin token can publish anyway with "force": true.',
    );
    expect(shrinkDetail('elements', { removing: 1, of: 17, allowed: 0 })).toContain(
      '(6%); this dataset allows no rows to be removed in one publish.',
    );
    expect(shrinkDetail('d', { removing: 6, of: 10, allowed: 0.5 }, 2)).toMatch(
      /^Rolling back to version 2 would remove 6 .* send "force": true with the rollback\.$/,
    );
  });
});
