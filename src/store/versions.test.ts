import { describe, expect, it } from 'vitest';
import type { KvStore } from './kv.ts';
import type { VersionMeta } from './records.ts';
import { writeVersion } from './versions.ts';

/** A store that keeps values in a map and notes each write in `events`. */
function notingStore(events: string[]): KvStore {
  const values = new Map<string, string | ArrayBuffer>();
  return {
    getText: async () => null,
    getBytes: async () => null,
    getTexts: async () => new Map(),
    async put(key, value) {
      events.push(`put ${key.split('/').slice(-2).join('/')}`);
      values.set(key, value);
    },
    delete: async () => undefined,
    list: async () => [],
  };
}

const meta = (pages: number) =>
  ({
    dataset: 'd',
    version: 1,
    pageStarts: Array.from({ length: pages }, (_, i) => i),
    pageBytes: Array.from({ length: pages }, () => 1),
  }) as unknown as VersionMeta;

/** Pages built as they are asked for, each noting it, and queueing other work (a request's) when built. */
function* pagesNoting(events: string[], count: number) {
  for (let page = 0; page < count; page++) {
    events.push(`build ${page}`);
    setTimeout(() => events.push(`other work after ${page}`), 0);
    yield new Uint8Array([page]);
  }
}

describe('writeVersion', () => {
  it('lets other work in between building two pages, as building one is a synchronous step', async () => {
    const events: string[] = [];
    await writeVersion(notingStore(events), {
      meta: meta(3),
      pages: pagesNoting(events, 3),
      history: [],
      retainedFrom: 1,
    });
    const order = events.filter((e) => e.startsWith('build') || e.startsWith('other'));
    expect(order.slice(0, 5)).toEqual([
      'build 0',
      'other work after 0',
      'build 1',
      'other work after 1',
      'build 2',
    ]);
  });

  it('waits for no one after the last page, nor for a one-page version', async () => {
    const events: string[] = [];
    await writeVersion(notingStore(events), {
      meta: meta(1),
      pages: pagesNoting(events, 1),
      history: [],
      retainedFrom: 1,
    });
    // The version's other keys were all written before the queued work got its turn.
    expect(events.indexOf('other work after 0')).toBe(-1);
    expect(events.filter((e) => e.startsWith('put'))).toHaveLength(5);
  });
});
