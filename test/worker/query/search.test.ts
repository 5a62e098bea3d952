import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { seedVersions } from '../support/seed.ts';
import { mineralRows, minerals } from './minerals.ts';

async function request(query: string) {
  const app = testApp([minerals]);
  await seedVersions(app.store, minerals, [mineralRows]);
  return app.request(`/v1/datasets/minerals?${query}`);
}

async function ids(query: string): Promise<unknown[]> {
  const res = await request(query);
  expect(res.status, query).toBe(200);
  return (await res.json<{ data: { id: unknown }[] }>()).data.map((row) => row.id);
}

describe('q, the search', () => {
  it.each([
    ['q=magnet', [2, 3, 6]],
    ['q=MAGNETS', [2, 3]],
    ['q=neodyme', [2]],
    ['q=NÉODYME', [2]],
    ['q=magnet hot', [3]],
    ['q=hot magnet', [3]],
    ['q="work hot"', [3]],
    ['q="hot work"', []],
    ['q="permanent magnets" ndfeb', [2]],
    ['q="ndfeb', [2]],
    ['q=%22NdFeB%22', [2]],
    ['q=aluminium-scandium', []],
    ['q=aluminium–scandium', [1]],
    ['q=polishing catalytic', [4]],
    // Column names and numbers are not text: a search never matches them; a date is text.
    ['q=share', []],
    ['q=1885', []],
    ['q=1879', [1]],
    ['q=magnet&filter[group]=heavy', [3, 6]],
    ['q=magnet&filter[year][lt]=1880', [6]],
    ['q=magnet&sort=-year&limit=2', [3, 2]],
  ])('%s', async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });

  it('folds case on pages of only ASCII as on the others', async () => {
    const app = testApp([minerals]);
    // One row a page: Terbium's and Dysprosium's pages are ASCII, Néodyme's is not.
    await seedVersions(app.store, minerals, [mineralRows], { pageTarget: 1 });
    const found = async (q: string) =>
      (
        await (await app.request(`/v1/datasets/minerals?q=${q}`)).json<{ data: { id: unknown }[] }>()
      ).data.map((row) => row.id);
    expect(await found('magnetostrictive')).toEqual([6]);
    expect(await found('MAGNETS')).toEqual([2, 3]);
    expect(await found('n%C3%A9o')).toEqual([2]);
    expect(await found('%C3%B8')).toEqual([]);
  });

  it.each([
    ['q=', 'q needs at least one word to search for, like q=magnet or q="rare earth".'],
    ['q=%20%20%22%22', 'q needs at least one word to search for, like q=magnet or q="rare earth".'],
    [`q=${'a'.repeat(501)}`, 'q is at most 500 characters; got 501.'],
    ['q=a&q=b', 'The query parameter "q" is given more than once.'],
  ])('%s is a 400 saying what q takes', async (query, detail) => {
    const res = await request(query);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ parameter: 'q', detail });
  });
});
