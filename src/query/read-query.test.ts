import fc from 'fast-check';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import type { Column } from '../datasets/columns.ts';
import { resolveReadQuery } from './read-query.ts';

const columns: Column[] = ['id', 'name', 'share', 'year'].map((name) => ({
  name,
  type: 'string',
  nullable: true,
}));

/** The parameter a refusal names, or the column names a success resolves to. */
function fieldsOutcome(fields: string): { parameter: string } | string[] {
  try {
    const query = resolveReadQuery({ fields }, new URLSearchParams({ fields }), columns, 'json', new Set());
    return query.fields?.map((c) => c.name) ?? [];
  } catch (error) {
    if (!(error instanceof HTTPException)) throw error;
    return { parameter: 'fields' };
  }
}

/** The rule stated plainly: every name trimmed, non-empty, a column, listed once. */
function reference(fields: string): { parameter: string } | string[] {
  const names = fields.split(',').map((f) => f.trim());
  const known = columns.map((c) => c.name);
  const ok =
    names.every((n) => known.includes(n)) && new Set(names).size === names.length && !names.includes('');
  return ok ? names : { parameter: 'fields' };
}

describe('fields', () => {
  it('resolves a list exactly when the plain rule accepts it', () => {
    const name = fc.constantFrom('id', 'name', 'share', 'year', 'nope', '', ' id');
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 7 }), (names) => {
        const fields = names.join(',');
        expect(fieldsOutcome(fields)).toEqual(reference(fields));
      }),
    );
  });

  it('refuses more names than columns before looking any up, saying the bound', () => {
    // 200,000 names once cost seconds of CPU in a quadratic duplicate check; the bound stops at the fifth.
    const many = Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',');
    expect(() =>
      resolveReadQuery({ fields: many }, new URLSearchParams(), columns, 'json', new Set()),
    ).toThrow('fields lists at most 4 columns');
  });
});
