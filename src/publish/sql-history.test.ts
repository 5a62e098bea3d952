import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { stepped } from '../stepped.ts';
import { sqlHistory } from './sql-history.ts';

const line = (key: number, value: string) => JSON.stringify({ key, value });
const staged = (keys: number[], value: (key: number) => string) =>
  keys.map((key) => ({ key: String(key), line: line(key, value(key)) }));

describe("the writer's SQLite history", () => {
  it('counts the diff of many rows a range at a time, the same as counted at once', async () => {
    await runInDurableObject(env.DATASET_WRITER.getByName('stepped-diff'), async (_instance, state) => {
      const history = sqlHistory(state.storage);
      const meta = { dataset: 'stepped-diff', version: 1 } as never;
      // Current: keys 0..999. Staged: keys 500..1499, those under 600 changed, '中' in some values.
      history.startStaging();
      history.stage(
        0,
        staged([...Array(1000).keys()], () => 'old'),
      );
      history.commit({ meta, retainedFrom: 1 }, false);
      history.startStaging();
      const keys = Array.from({ length: 1000 }, (_, i) => 500 + i);
      history.stage(
        0,
        staged(keys, (key) => (key < 600 ? '中中' : key < 1000 ? 'old' : 'new')),
      );

      const steps = history.stagedDiff(64);
      let count = 0;
      const counted = (function* () {
        for (let step = steps.next(); ; step = steps.next()) {
          if (step.done) return step.value;
          count++;
          yield;
        }
      })();
      const diff = await stepped(counted);
      expect(count).toBeGreaterThan(20);
      const bytes = (keys: number[], value: (key: number) => string) =>
        keys.reduce((n, key) => n + new TextEncoder().encode(line(key, value(key))).byteLength, 0);
      const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
      expect(diff).toEqual({
        previousRows: 1000,
        added: { rows: 500, bytes: bytes(range(1000, 1500), () => 'new') },
        removed: { rows: 500, bytes: bytes(range(0, 500), () => 'old') },
        changed: { rows: 100, bytes: bytes(range(500, 600), () => '中中') },
      });
      expect(await stepped(history.stagedDiff())).toEqual(diff);
      // Fewer rows than a step: counted at once, with no pause for other work to hold it up.
      expect(history.stagedDiff(5_000).next().done).toBe(true);
    });
  });
});
