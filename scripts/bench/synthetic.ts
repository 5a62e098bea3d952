import { z } from 'zod';
import { boolean } from '../../src/datasets/coerce/booleans.ts';
import { optional, required } from '../../src/datasets/coerce/coercion.ts';
import { date } from '../../src/datasets/coerce/dates.ts';
import { oneOf } from '../../src/datasets/coerce/enum.ts';
import { decimal, integer, year } from '../../src/datasets/coerce/numbers.ts';
import { percent } from '../../src/datasets/coerce/percent.ts';
import { text } from '../../src/datasets/coerce/text.ts';
import { fieldTitle } from '../../src/datasets/fields.ts';
import type { DatasetDefinition, Row } from '../../src/datasets/types.ts';

/**
 * A synthetic 12-column dataset for the benchmark, built from the catalogue's own coercions (so
 * validation costs what a real tab costs). Only the bench build of the Worker registers it.
 */
const categories = ['mine', 'refinery', 'magnet', 'recycling', 'research'] as const;

const schema = z.object({
  id: required(integer({ min: 1 })).meta({ title: 'Id', description: 'Row number.' }),
  code: required(text({ maxLength: 16 })).meta({ title: 'Code', description: 'A short code.' }),
  name: required(text({ maxLength: 80 })).meta({ title: 'Name', description: 'A name.' }),
  category: required(oneOf(categories)).meta({ title: 'Category', description: 'A category.' }),
  country: required(text({ maxLength: 60 })).meta({ title: 'Country', description: 'A country.' }),
  year: required(year()).meta({ title: 'Year', description: 'A year.' }),
  reported: required(date()).meta({ title: 'Reported', description: 'A date.' }),
  tonnes: required(integer({ min: 0 })).meta({ title: 'Tonnes', description: 'A whole number.' }),
  price: required(decimal({ min: 0 })).meta({ title: 'Price', description: 'A decimal.' }),
  share: required(percent({ min: 0, max: 100 })).meta({ title: 'Share (%)', description: 'A percent.' }),
  active: required(boolean()).meta({ title: 'Active', description: 'A boolean.' }),
  note: optional(text({ maxLength: 200 })).meta({ title: 'Note', description: 'Optional text.' }),
});

export function benchDataset(id: string): DatasetDefinition<typeof schema> {
  return {
    id,
    title: `Benchmark dataset ${id}`,
    description: 'Synthetic rows for npm run bench; never deployed.',
    tab: id,
    key: ['id'],
    schema,
    shrinkGuard: 1,
  };
}

// bench-1m: the million-row publish of a full run (or --million), sent as NDJSON.
const benchSizes = {
  'bench-100': 100,
  'bench-10k': 10_000,
  'bench-100k': 100_000,
  'bench-1m': 1_000_000,
} as const;
export type BenchDatasetId = keyof typeof benchSizes;

/** The synthetic dataset of exactly `rows` rows. */
export function benchDatasetOf(rows: number): BenchDatasetId {
  const found = (Object.keys(benchSizes) as BenchDatasetId[]).find((id) => benchSizes[id] === rows);
  if (!found) throw new Error(`No synthetic dataset has ${rows} rows`);
  return found;
}

export const benchDatasets: readonly DatasetDefinition[] = Object.keys(benchSizes).map(benchDataset);

/** Deterministic pseudo-random numbers (mulberry32), so every run publishes the same bytes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const countries = ['China', 'United States', 'Australia', 'Myanmar', 'Thailand', 'India', 'Brazil', 'Russia'];
const words = ['alpha', 'basalt', 'cerium', 'delta', 'europa', 'flux', 'garnet', 'helix', 'ion', 'jade'];

/** One editor-typed row as CSV cells: dates, percents and booleans the way a sheet shows them. */
function cellsOf(i: number, next: () => number): string[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
  const y = 1990 + Math.floor(next() * 35);
  return [
    String(i + 1),
    `RE-${(i + 1).toString(36).toUpperCase().padStart(5, '0')}`,
    `${pick(words)} ${pick(words)} ${pick(words)}`,
    pick(categories),
    pick(countries),
    String(y),
    `${y}-${month}-${day}`,
    String(Math.floor(next() * 100_000)),
    (next() * 1_000).toFixed(2),
    `${(next() * 100).toFixed(1)}%`,
    next() < 0.5 ? 'TRUE' : 'FALSE',
    next() < 0.3 ? '' : `note ${pick(words)} ${Math.floor(next() * 1_000)}`,
  ];
}

export const headers = Object.keys(schema.shape).map((field) => fieldTitle(benchDataset('bench'), field));

/** The tab as an editor would export it: a header row, then `count` rows of text cells. */
export function syntheticCsvCells(count: number, seed = 1): string[][] {
  const next = random(seed);
  const rows: string[][] = [headers];
  for (let i = 0; i < count; i++) rows.push(cellsOf(i, next));
  return rows;
}

/** The same rows typed, as the admin API takes them (the schema accepts its own output). */
export function syntheticRows(count: number, seed = 1): Row[] {
  return [...eachSyntheticRow(count, seed)];
}

/** The rows of `syntheticRows` one at a time, for a body streamed without holding them all. */
export function* eachSyntheticRow(count: number, seed = 1): Generator<Row> {
  const next = random(seed);
  for (let i = 0; i < count; i++) {
    const c = cellsOf(i, next);
    yield {
      id: i + 1,
      code: c[1] as string,
      name: c[2] as string,
      category: c[3] as string,
      country: c[4] as string,
      year: Number(c[5]),
      reported: c[6] as string,
      tonnes: Number(c[7]),
      price: Number(c[8]),
      share: Number((c[9] as string).slice(0, -1)),
      active: c[10] === 'TRUE',
      note: c[11] === '' ? null : (c[11] as string),
    };
  }
}
