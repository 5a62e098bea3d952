import {
  type AssayClient,
  AssayError,
  applyDelta,
  createClient,
  type DatasetId,
  type Delta,
} from 'assay/client';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('the client', () => {
  it('types rows per dataset from the catalogue schemas', () => {
    type Rows<T extends (...args: never[]) => Promise<{ data: unknown[] }>> = Awaited<
      ReturnType<T>
    >['data'][number];
    const client: AssayClient = createClient('http://127.0.0.1:1');
    // Functions never called: the checks are the compiler's, and nothing is fetched.
    const production = () => client.dataset('production');
    expectTypeOf<Rows<typeof production>['share']>().toEqualTypeOf<number>();
    expectTypeOf<Rows<typeof production>['country']>().toEqualTypeOf<string>();
    expectTypeOf<Rows<typeof production>>().not.toHaveProperty('atomicNumber');
    const picked = () => client.dataset('elements', { fields: ['symbol', 'atomicNumber'] });
    expectTypeOf<keyof Rows<typeof picked>>().toEqualTypeOf<'symbol' | 'atomicNumber'>();
    const ofProduction = client.dataset<'production'>;
    expectTypeOf(ofProduction).toBeCallableWith('production', { sort: '-share', filter: { year: 2023 } });
    // @ts-expect-error: no such column in production
    expectTypeOf(ofProduction).toBeCallableWith('production', { fields: ['atomicNumber'] });
    // @ts-expect-error: sorting by an unknown column
    expectTypeOf(ofProduction).toBeCallableWith('production', { sort: '-nope' });
    expectTypeOf(client.dataset).parameter(0).toEqualTypeOf<DatasetId>();
    expectTypeOf<'nope'>().not.toExtend<DatasetId>();
  });

  it('applies a delta by key, keeping the order of the rows it keeps', () => {
    const delta: Delta<{ id: string; n: number }> = {
      dataset: 'd',
      from: 1,
      to: 2,
      key: ['id'],
      counts: { added: 1, removed: 1, changed: 1 },
      added: [{ id: 'd', n: 4 }],
      removed: [{ id: 'A', n: 1 }],
      changed: [{ key: { id: 'b' }, before: { id: 'b', n: 2 }, after: { id: 'b', n: 20 } }],
    };
    const rows = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
      { id: 'c', n: 3 },
    ];
    // Keys match whatever their case, as the server matches them.
    expect(applyDelta(rows, delta)).toEqual([
      { id: 'b', n: 20 },
      { id: 'c', n: 3 },
      { id: 'd', n: 4 },
    ]);
  });

  it('turns a problem into an AssayError with its status, detail and parameter', async () => {
    const client = createClient('http://assay.test', {
      fetch: async () =>
        Response.json(
          {
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            detail: 'limit must be…',
            parameter: 'limit',
          },
          { status: 400 },
        ),
    });
    const error = await client.dataset('production', { limit: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssayError);
    expect(error).toMatchObject({ status: 400, detail: 'limit must be…', parameter: 'limit' });
  });
});
