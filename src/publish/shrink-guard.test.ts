import { describe, expect, it } from 'vitest';
import { shrinkBeyondGuard, shrinkDetail } from './shrink-guard.ts';

describe('shrink guard', () => {
  it('allows up to the guard and stops beyond it', () => {
    expect(shrinkBeyondGuard(10, 5, 0.5)).toBeNull();
    expect(shrinkBeyondGuard(10, 6, 0.5)).toEqual({ removing: 6, of: 10, allowed: 0.5 });
    expect(shrinkBeyondGuard(0, 0, 0.5)).toBeNull();
    expect(shrinkBeyondGuard(10, 1, 0)).not.toBeNull();
  });

  it('says how many rows would go and how to force', () => {
    const detail = shrinkDetail('d', { removing: 6, of: 10, allowed: 0.5 });
    expect(detail).toContain('remove 6 of the 10 rows');
    expect(detail).toContain('"force": true');
  });
});
