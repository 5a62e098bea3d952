import { describe, expect, it, vi } from 'vitest';
import { columnsOf } from '../../../src/datasets/columns.ts';
import { findDuplicateKeys } from '../../../src/datasets/duplicate-keys.ts';
import { rowKey } from '../../../src/datasets/row-key.ts';
import type { Row } from '../../../src/datasets/types.ts';
import { matchToken } from '../../../src/http/admin-auth.ts';
import { bearerToken, parseAdminTokens } from '../../../src/http/admin-tokens.ts';
import { logEvent } from '../../../src/log-event.ts';
import { changesDocument } from '../../../src/publish/changes.ts';
import { diffLines, type KeyedLine } from '../../../src/publish/diff.ts';
import { publishRequest } from '../../../src/publish/publish-request.ts';
import { retryingStore } from '../../../src/publish/retrying-store.ts';
import { schemaHash } from '../../../src/publish/schema-hash.ts';
import { Serial } from '../../../src/publish/serial.ts';
import { shrinkBeyondGuard, shrinkDetail } from '../../../src/publish/shrink-guard.ts';
import { utf8Length } from '../../../src/publish/utf8-length.ts';
import type { KvStore } from '../../../src/store/kv.ts';
import { items, testDataset } from '../support/test-dataset.ts';

describe('admin tokens', () => {
  it('parses label:token pairs, keeping colons in tokens and dropping malformed pairs', () => {
    expect(parseAdminTokens(' sync:abc , editor:x:y,nolabel,:empty-label,empty-token:, ')).toEqual([
      { label: 'sync', token: 'abc' },
      { label: 'editor', token: 'x:y' },
    ]);
    expect(parseAdminTokens(undefined)).toEqual([]);
    expect(parseAdminTokens('')).toEqual([]);
  });

  it('reads only a Bearer token', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBe('');
    expect(bearerToken('Bearer a b')).toBe('');
    expect(bearerToken(undefined)).toBe('');
  });

  it('matches a token to its label and nothing else', async () => {
    const tokens = parseAdminTokens('old:first-token,new:second-token');
    expect(await matchToken(tokens, 'second-token')).toBe('new');
    expect(await matchToken(tokens, 'first-token')).toBe('old');
    expect(await matchToken(tokens, 'first-toke')).toBeNull();
    expect(await matchToken(tokens, '')).toBeNull();
    expect(await matchToken([], '')).toBeNull();
  });
});

describe('diff', () => {
  const keyed = (rows: ReturnType<typeof items>): KeyedLine[] =>
    rows.map((row) => ({ key: rowKey(row, ['id']), line: JSON.stringify(row) }));
  const asMap = (lines: KeyedLine[]) => new Map(lines.map((l) => [l.key, l.line]));

  it('finds added, removed and changed rows by key; moving a row is no change', () => {
    const before = keyed(items(4));
    const edited = items(5);
    edited[1] = { ...edited[1], name: 'renamed' } as (typeof edited)[number];
    const after = keyed([edited[3], edited[1], edited[4]].filter((r) => r !== undefined));
    expect(diffLines(asMap(before), after)).toEqual({
      added: [2],
      removed: [rowKey({ id: 0 }, ['id']), rowKey({ id: 2 }, ['id'])],
      changed: [1],
    });
  });

  it('keys rows by every key column, absent cells as null, text whatever its case', () => {
    const key = (row: Row) => rowKey(row, ['country', 'year']);
    expect(key({ country: 'CN', year: 2023 })).not.toBe(key({ country: 'CN', year: 2024 }));
    expect(key({ country: 'CN', year: 2023 })).toBe(key({ country: 'cn', year: 2023, share: 1 }));
    expect(key({ country: 'CN' })).toBe(key({ country: 'CN', year: null }));
    expect(key({ country: 'CN' })).not.toBe(key({ country: 'CN', year: 'null' }));
  });

  it('matches rows by the same key the duplicate check uses, so a diff never merges two rows', () => {
    const def = { ...testDataset, key: ['name', 'share'] };
    const rows: Row[] = [
      { name: 'a', share: 1 },
      { name: 'a', share: '1' },
      { name: 'a' },
      { name: 'a', share: null },
    ];
    const duplicates = findDuplicateKeys(def, rows);
    expect(duplicates).toEqual([{ row: 3, duplicateOf: 2 }]);
    expect(new Set(rows.map((row) => rowKey(row, def.key))).size).toBe(rows.length - duplicates.length);
  });

  it('names a changed row by its key as the new row spells it, though keys match whatever the case', () => {
    const before = keyed([{ id: 1, name: 'united states', share: 1, active: true }]);
    const after = keyed([{ id: 1, name: 'United States', share: 2, active: true }]);
    const byName = (rows: typeof before) =>
      rows.map(({ line }) => ({ key: rowKey(JSON.parse(line), ['name']), line }));
    const doc = changesDocument({
      dataset: 'd',
      version: 2,
      previousVersion: 1,
      key: ['name'],
      diff: diffLines(asMap(byName(before)), byName(after)),
      next: byName(after),
      previous: asMap(byName(before)),
    });
    expect(doc.counts).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(doc.changed?.[0]?.key).toEqual({ name: 'United States' });
  });

  it('builds the stored document with before and after, or only counts past its budget', () => {
    const before = keyed(items(3));
    const after = keyed([{ id: 0, name: 'zero', share: null, active: true }, ...items(4).slice(1)]);
    const input = {
      dataset: 'd',
      version: 2,
      previousVersion: 1,
      key: ['id'],
      diff: diffLines(asMap(before), after),
      next: after,
      previous: asMap(before),
    };
    const doc = changesDocument(input);
    expect(doc).toMatchObject({
      previousVersion: 1,
      complete: true,
      counts: { added: 1, removed: 0, changed: 1 },
    });
    expect(doc.added).toEqual([items(4)[3]]);
    expect(doc.changed).toEqual([
      { key: { id: 0 }, before: items(1)[0], after: { id: 0, name: 'zero', share: null, active: true } },
    ]);
    const small = changesDocument(input, 10);
    expect(small).toMatchObject({ complete: false, counts: { added: 1, removed: 0, changed: 1 } });
    expect(small.added).toBeUndefined();
  });

  it('counts its budget in bytes, as KV does, not in characters', () => {
    const added = keyed([{ id: 1, name: '稀土'.repeat(500), share: null, active: true }]);
    const line = added[0]?.line ?? '';
    const input = {
      dataset: 'd',
      version: 1,
      previousVersion: null,
      key: ['id'],
      diff: diffLines(new Map(), added),
      next: added,
      previous: new Map<string, string>(),
    };
    // 1,000 characters of CJK text are 3,000 bytes.
    expect(changesDocument(input, line.length + 100).complete).toBe(false);
    expect(changesDocument(input, utf8Length(line)).complete).toBe(true);
  });

  it('measures UTF-8 as TextEncoder does, without encoding', () => {
    for (const text of ['', 'plain', 'é', '稀土', '😀', 'a€𝄞b\u00ff\u0800']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
  });
});

describe('publish request', () => {
  it("takes the definition's columns, key, schema hash and shrink guard, and the caller's options", async () => {
    const def = { ...testDataset, shrinkGuard: 0.2 };
    expect(await publishRequest(def, items(1), { retention: 3, publishedBy: 'x', force: true })).toEqual({
      dataset: 'test-items',
      rows: items(1),
      columns: columnsOf(def),
      key: ['id'],
      schemaHash: await schemaHash(def),
      shrinkGuard: 0.2,
      retention: 3,
      publishedBy: 'x',
      force: true,
    });
    const plain = await publishRequest(testDataset, [], { retention: 50, publishedBy: 'x' });
    expect(plain.shrinkGuard).toBe(0.5);
  });
});

describe('log lines', () => {
  it('writes one JSON object per event, failures to the error stream', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    logEvent('publish', { dataset: 'd', rows: 2 });
    logEvent('purge.failed', { dataset: 'd', message: 'no' }, 'error');
    expect(log.mock.calls).toEqual([['{"event":"publish","dataset":"d","rows":2}']]);
    expect(error.mock.calls).toEqual([['{"event":"purge.failed","dataset":"d","message":"no"}']]);
    log.mockRestore();
    error.mockRestore();
  });
});

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

describe('Serial', () => {
  it('runs tasks one at a time in order, past a failure', async () => {
    const serial = new Serial();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      serial.run(task('a')),
      serial.run(task('b', true)),
      serial.run(task('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});

describe('retryingStore', () => {
  function flaky(failures: Error[]) {
    const puts: string[] = [];
    const store = {
      put: async (key: string) => {
        const failure = failures.shift();
        if (failure) throw failure;
        puts.push(key);
      },
    } as unknown as KvStore;
    return { store, puts };
  }

  it('writes again after KV refuses a write as too many for the key', async () => {
    const { store, puts } = flaky([new Error('KV PUT failed: 429 Too Many Requests')]);
    await retryingStore(store, [1, 1]).put('head', 'x');
    expect(puts).toEqual(['head']);
  });

  it('gives up after its pauses, and never retries other failures', async () => {
    const limited = () => new Error('429 Too Many Requests');
    const { store } = flaky([limited(), limited(), limited()]);
    await expect(retryingStore(store, [1, 1]).put('head', 'x')).rejects.toThrow(/429/);
    const broken = flaky([new Error('KV PUT failed: 500'), limited()]);
    await expect(retryingStore(broken.store, [1, 1]).put('head', 'x')).rejects.toThrow(/500/);
    expect(broken.puts).toEqual([]);
  });
});
