import { describe, expect, it } from 'vitest';
import { describeValue } from '../../src/datasets/cell.ts';
import { coercionCases } from './coercion-cases.ts';

/** Registers the coercion table; the Node and the workerd test files both call it, so both runtimes agree. */
export function coercionSuite(): void {
  describe('coercions', () => {
    for (const c of coercionCases) {
      const title = `${c.column}: ${describeValue(c.input)} → ${c.error ?? JSON.stringify(c.output)}`;
      it(title, () => {
        const result = c.schema.safeParse(c.input);
        if (c.error !== undefined) {
          expect(result.success).toBe(false);
          expect(result.error?.issues.map((i) => i.message)).toEqual([c.error]);
        } else {
          expect(result.error?.issues).toBeUndefined();
          expect(result.data).toStrictEqual(c.output);
          // Published values are parsed again on publish: they must come back unchanged.
          expect(c.schema.parse(result.data)).toStrictEqual(result.data);
        }
      });
    }
  });
}
