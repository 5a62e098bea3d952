import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { seedVersions } from '../support/seed.ts';
import { mineralRows, minerals } from './minerals.ts';

interface Body {
  rowCount: number;
  matchCount?: number;
  links: Record<string, string>;
  data: Record<string, unknown>[];
}

async function app() {
  const app = testApp([minerals]);
  await seedVersions(app.store, minerals, [mineralRows]);
  return app;
}

async function ids(query: string): Promise<unknown[]> {
  const res = await (await app()).request(`/v1/datasets/minerals?${query}`);
  expect(res.status, query).toBe(200);
  return (await res.json<Body>()).data.map((row) => row.id);
}

describe('filter operators', () => {
  it.each([
    ['filter[year][gte]=1880', [2, 3]],
    ['filter[year][gt]=1885', [3]],
    ['filter[year][lt]=1843', [4]],
    ['filter[year][lte]=1843', [4, 6]],
    ['filter[share][gt]=1', [2, 3, 6]],
    ['filter[share][lte]=0.5', [1, 5]],
    ['filter[found][gte]=1843-06-30', [1, 3, 6]],
    ['filter[found][lt]=1880-01-01', [1, 4, 6]],
    ['filter[year][eq]=1879', [1]],
    ['filter[year][ne]=1879', [2, 3, 4, 5, 6]],
    ['filter[group][ne]=heavy', [1, 2, 4]],
    ['filter[group][ne]=', [2, 3, 4, 5, 6]],
    ['filter[group][in]=light,HEAVY', [2, 3, 4, 5, 6]],
    ['filter[group][in]=light,', [1, 2, 4]],
    ['filter[id][in]=6,1,99', [1, 6]],
    ['filter[name][contains]=DYM', [2]],
    ['filter[name][contains]=neody', [2]],
    ['filter[uses][contains]=magnet', [2, 3, 6]],
    ['filter[name][startswith]=t', [6]],
    ['filter[uses][startswith]=ALUMINIUM-', []],
    ['filter[uses][startswith]=aluminium–', [1]],
    ['filter[uses][empty]=true', [5]],
    ['filter[found][empty]=FALSE', [1, 3, 4, 6]],
    ['filter[magnetic]=true', [2, 3, 6]],
    ['filter[magnetic][ne]=true', [1, 4, 5]],
    ['filter[year][gte]=1800&filter[year][lt]=1880&filter[magnetic]=false', [1, 4]],
    ['filter[group]=heavy&filter[uses][contains]=magnet', [3, 6]],
    ['filter[year][gt]=1843&sort=-year', [3, 2, 1]],
    ['filter[YEAR][GT]=1', null],
  ])('%s', async (query, expected) => {
    if (expected === null) {
      const res = await (await app()).request(`/v1/datasets/minerals?${query}`);
      expect(res.status).toBe(400);
      return;
    }
    expect(await ids(query)).toEqual(expected);
  });

  it('takes operators in any case', async () => {
    expect(await ids('filter[year][GTE]=1880')).toEqual([2, 3]);
  });

  it.each([
    [
      'filter[name][gt]=b',
      'filter[name][gt]: gt does not apply to name, which holds text. name takes eq, ne, in, contains, startswith or empty.',
    ],
    [
      'filter[magnetic][contains]=t',
      'filter[magnetic][contains]: contains does not apply to magnetic, which holds true or false. magnetic takes eq, ne, in or empty.',
    ],
    [
      'filter[year][contains]=18',
      'filter[year][contains]: contains does not apply to year, which holds whole numbers. year takes eq, ne, lt, lte, gt, gte, in or empty.',
    ],
    [
      'filter[year][like]=18',
      'filter[year][like]: "like" is not an operator. year takes eq, ne, lt, lte, gt, gte, in or empty.',
    ],
    ['filter[year][gte]=', 'filter[year][gte] needs a value: year holds whole numbers.'],
    [
      'filter[year][gte]=1880.5',
      'filter[year][gte] must be a whole number, like filter[year][gte]=42; got "1880.5".',
    ],
    [
      'filter[found][lt]=1880',
      'filter[found][lt] must be a date that exists, as YYYY-MM-DD, like 2024-01-08; got "1880".',
    ],
    ['filter[group][in]=light,medium', 'filter[group][in] must be one of light, heavy; got "medium".'],
    ['filter[id][in]=1,x', 'filter[id][in] must be a number, like filter[id][in]=42; got "x".'],
    ['filter[uses][empty]=yes', 'filter[uses][empty] must be true or false; got "yes".'],
    ['filter[name][contains]=', 'filter[name][contains] needs a value: name holds text.'],
    [
      'filter[nope][gt]=1',
      'Unknown column "nope" in filter[nope][gt]. Columns: id, name, group, year, share, found, magnetic, uses.',
    ],
    [
      'filter[year][gt]=1&filter[year][gt]=2',
      'The query parameter "filter[year][gt]" is given more than once.',
    ],
  ])('%s is a 400 naming the parameter and what the column takes', async (query, detail) => {
    const res = await (await app()).request(`/v1/datasets/minerals?${query}`);
    expect(res.status).toBe(400);
    const problem = await res.json<{ detail: string; parameter: string }>();
    expect(problem.detail).toBe(detail);
    expect(problem.parameter).toBe(query.split('=')[0]);
  });

  it('pages through matches with the canonical query, and the ETag follows the representation', async () => {
    const { request } = await app();
    const first = await request('/v1/datasets/minerals?filter[group][IN]=Heavy,light&limit=2&offset=1');
    const body = await first.json<Body>();
    expect(body.data.map((r) => r.id)).toEqual([3, 4]);
    expect(body.links.next).toBe(
      '/v1/datasets/minerals/versions/1?limit=2&offset=3&filter%5Bgroup%5D%5Bin%5D=heavy%2Clight',
    );
    const same = await request('/v1/datasets/minerals?filter[group][in]=heavy,light&limit=2&offset=1');
    expect(same.headers.get('etag')).toBe(first.headers.get('etag'));
    const other = await request('/v1/datasets/minerals?filter[group][in]=heavy&limit=2&offset=1');
    expect(other.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });
});
