import { rowSeparator } from '../store/pages.ts';
import type { VersionMeta } from '../store/records.ts';
import type { DuplicateRow, HistoryStore, StagedDiff } from './history-store.ts';

/**
 * Rows a step of the diff looks at: SQLite compares about a million a second here, so a step takes
 * tens of milliseconds, and a 1,000,000-row diff no longer holds the isolate for seconds at once.
 */
const diffRowsPerStep = 50_000;

/** Rows staged by one INSERT: three parameters each, within the 100 a statement may bind. */
const rowsPerInsert = 33;

/** The history in the Durable Object's own SQLite database: strongly consistent, local, transactional. */
export function sqlHistory(storage: DurableObjectStorage): HistoryStore {
  const { sql } = storage;
  sql.exec(`CREATE TABLE IF NOT EXISTS versions (
    version INTEGER PRIMARY KEY,
    meta TEXT NOT NULL,
    retained_from INTEGER NOT NULL,
    pruned INTEGER NOT NULL DEFAULT 0
  )`);
  // The current version's rows. A commit replaces the table with `staging` (of the same columns),
  // so a publish writes its rows once, whatever it changed.
  sql.exec(`CREATE TABLE IF NOT EXISTS current_rows (
    key TEXT PRIMARY KEY,
    line TEXT NOT NULL,
    position INTEGER NOT NULL
  )`);
  const createStaging = `CREATE TABLE staging (
    position INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    line TEXT NOT NULL
  )`;

  sql.exec(`CREATE TABLE IF NOT EXISTS pending (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    meta TEXT NOT NULL,
    retained_from INTEGER NOT NULL
  )`);

  // One row once the pending version's head write has begun.
  sql.exec('CREATE TABLE IF NOT EXISTS pending_head (id INTEGER PRIMARY KEY CHECK (id = 1))');

  // One row when KV's history pages and catalogue entry lag the versions table: from which version.
  sql.exec(
    'CREATE TABLE IF NOT EXISTS lists_stale_from (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)',
  );

  // Histories written as one KV value before they were paged are written again as pages, once.
  sql.exec('CREATE TABLE IF NOT EXISTS history_paged (id INTEGER PRIMARY KEY CHECK (id = 1))');
  if (sql.exec('SELECT id FROM history_paged').toArray().length === 0) {
    storage.transactionSync(() => {
      sql.exec('DROP TABLE IF EXISTS lists_stale');
      if (sql.exec('SELECT version FROM versions LIMIT 1').toArray().length > 0)
        sql.exec('INSERT OR REPLACE INTO lists_stale_from (id, version) VALUES (1, 1)');
      sql.exec('INSERT INTO history_paged (id) VALUES (1)');
    });
  }

  const parse = (meta: string) => JSON.parse(meta) as VersionMeta;

  return {
    latest() {
      const [row] = sql
        .exec<{ meta: string; retained_from: number }>(
          'SELECT meta, retained_from FROM versions ORDER BY version DESC LIMIT 1',
        )
        .toArray();
      return row ? { meta: parse(row.meta), retainedFrom: row.retained_from } : null;
    },

    find(version) {
      const [row] = sql
        .exec<{ meta: string; pruned: number }>(
          'SELECT meta, pruned FROM versions WHERE version = ?',
          version,
        )
        .toArray();
      return row ? { meta: parse(row.meta), pruned: row.pruned === 1 } : null;
    },

    metas(from, to) {
      return sql
        .exec<{ meta: string }>(
          'SELECT meta FROM versions WHERE version BETWEEN ? AND ? ORDER BY version DESC',
          from,
          to,
        )
        .toArray()
        .map((row) => parse(row.meta));
    },

    startStaging() {
      storage.transactionSync(() => {
        sql.exec('DROP TABLE IF EXISTS staging');
        sql.exec(createStaging);
      });
    },

    stage(from, rows) {
      const duplicates: DuplicateRow[] = [];
      storage.transactionSync(() => {
        for (let at = 0; at < rows.length; at += rowsPerInsert) {
          const slice = rows.slice(at, at + rowsPerInsert);
          const values = slice.flatMap(({ key, line }, i) => [from + at + i, key, line]);
          sql.exec(
            `INSERT INTO staging (position, key, line) VALUES ${slice.map(() => '(?, ?, ?)').join(', ')} ` +
              'ON CONFLICT (key) DO NOTHING',
            ...values,
          );
          const [staged] = sql
            .exec<{ n: number }>(
              'SELECT COUNT(*) AS n FROM staging WHERE position >= ? AND position < ?',
              from + at,
              from + at + slice.length,
            )
            .toArray();
          if (staged?.n === slice.length) continue;
          // Some key was staged already (rare): find which rows, and the rows they repeat.
          slice.forEach(({ key, line }, i) => {
            const [earlier] = sql
              .exec<{ position: number; line: string }>(
                'SELECT position, line FROM staging WHERE key = ?',
                key,
              )
              .toArray();
            if (earlier && earlier.position !== from + at + i)
              duplicates.push({
                row: from + at + i,
                duplicateOf: earlier.position,
                line,
                earlierLine: earlier.line,
              });
          });
        }
      });
      return duplicates;
    },

    stagedPage(from, to) {
      // Joined and encoded by SQLite: the page reaches JavaScript as one buffer, outside V8's heap,
      // never as thousands of strings and their join (each page of a large version is 2 MB of text).
      const [row] = sql
        .exec<{ page: ArrayBuffer | null }>(
          'SELECT CAST(group_concat(line, ? ORDER BY position) AS BLOB) AS page ' +
            'FROM staging WHERE position >= ? AND position < ?',
          rowSeparator,
          from,
          to,
        )
        .toArray();
      return new Uint8Array(row?.page ?? new ArrayBuffer(0));
    },

    *stagedDiff(rowsPerStep = diffRowsPerStep) {
      const count = (query: string, from: number) => {
        const [row] = sql.exec<{ rows: number; bytes: number }>(query, from, from + rowsPerStep).toArray();
        return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 };
      };
      const add = (sum: { rows: number; bytes: number }, part: { rows: number; bytes: number }) => {
        sum.rows += part.rows;
        sum.bytes += part.bytes;
      };
      // Bytes as KV counts them: the length of the UTF-8 text, not its characters.
      const sized = (table: string) =>
        `SELECT COUNT(*) AS rows, COALESCE(SUM(length(CAST(${table}.line AS BLOB))), 0) AS bytes`;
      // Each side counted by ranges of its rowid (a staged row's position), a step each.
      const within = (table: string) => `${table}.rowid >= ? AND ${table}.rowid < ?`;
      const last = (table: string) =>
        sql.exec<{ last: number | null }>(`SELECT MAX(rowid) AS last FROM ${table}`).toArray()[0]?.last ?? -1;
      const sum = () => ({ rows: 0, bytes: 0 });
      const diff = { added: sum(), removed: sum(), changed: sum(), previous: sum() };
      // What each table's ranges are counted for.
      const counted = {
        staging: [
          [
            diff.added,
            `${sized('s')} FROM staging s WHERE ${within('s')} AND NOT EXISTS (SELECT 1 FROM current_rows c WHERE c.key = s.key)`,
          ],
          [
            diff.changed,
            `${sized('s')} FROM staging s JOIN current_rows c ON c.key = s.key WHERE ${within('s')} AND c.line <> s.line`,
          ],
        ],
        current_rows: [
          [
            diff.removed,
            `${sized('c')} FROM current_rows c WHERE ${within('c')} AND NOT EXISTS (SELECT 1 FROM staging s WHERE s.key = c.key)`,
          ],
          [diff.previous, `SELECT COUNT(*) AS rows, 0 AS bytes FROM current_rows c WHERE ${within('c')}`],
        ],
      } as const;
      // A pause once a step's worth of rows was looked at, never at the end: a small diff (most
      // publishes) waits for no one.
      let looked = 0;
      for (const [table, queries] of Object.entries(counted)) {
        const end = last(table);
        for (let from = 0; from <= end; from += rowsPerStep) {
          if (looked >= rowsPerStep) {
            looked = 0;
            yield;
          }
          looked += Math.min(rowsPerStep, end + 1 - from);
          for (const [total, query] of queries) add(total, count(query, from));
        }
      }
      const { added, removed, changed, previous } = diff;
      return { previousRows: previous.rows, added, removed, changed } satisfies StagedDiff;
    },

    *added() {
      for (const row of sql.exec<{ line: string }>(
        'SELECT s.line FROM staging s WHERE NOT EXISTS (SELECT 1 FROM current_rows c WHERE c.key = s.key) ORDER BY s.position',
      ))
        yield row.line;
    },

    *removed() {
      for (const row of sql.exec<{ line: string }>(
        'SELECT c.line FROM current_rows c WHERE NOT EXISTS (SELECT 1 FROM staging s WHERE s.key = c.key) ORDER BY c.position',
      ))
        yield row.line;
    },

    keyChanges(limit) {
      const placed = (query: string) => sql.exec<{ position: number; line: string }>(query, limit).toArray();
      return {
        added: placed(
          'SELECT s.position, s.line FROM staging s WHERE NOT EXISTS (SELECT 1 FROM current_rows c WHERE c.key = s.key) ORDER BY s.position LIMIT ?',
        ),
        removed: placed(
          'SELECT c.position, c.line FROM current_rows c WHERE NOT EXISTS (SELECT 1 FROM staging s WHERE s.key = c.key) ORDER BY c.position LIMIT ?',
        ),
      };
    },

    *changed() {
      for (const row of sql.exec<{ before: string; after: string }>(
        'SELECT c.line AS before, s.line AS after FROM staging s JOIN current_rows c ON c.key = s.key ' +
          'WHERE c.line <> s.line ORDER BY s.position',
      ))
        yield { before: row.before, after: row.after };
    },

    begin({ meta, retainedFrom }) {
      storage.transactionSync(() => {
        sql.exec('DELETE FROM pending_head');
        sql.exec(
          'INSERT OR REPLACE INTO pending (id, meta, retained_from) VALUES (1, ?, ?)',
          JSON.stringify(meta),
          retainedFrom,
        );
      });
    },

    headStarted() {
      sql.exec('INSERT OR REPLACE INTO pending_head (id) VALUES (1)');
    },

    pending() {
      const [row] = sql
        .exec<{ meta: string; retained_from: number; head: number }>(
          'SELECT meta, retained_from, EXISTS (SELECT 1 FROM pending_head) AS head FROM pending',
        )
        .toArray();
      return row
        ? { meta: parse(row.meta), retainedFrom: row.retained_from, headStarted: row.head === 1 }
        : null;
    },

    abandon() {
      storage.transactionSync(() => {
        sql.exec('DELETE FROM pending');
        sql.exec('DELETE FROM pending_head');
      });
    },

    commit({ meta, retainedFrom }, listsStale) {
      storage.transactionSync(() => {
        sql.exec('DELETE FROM pending');
        sql.exec('DELETE FROM pending_head');
        // The oldest stale version stays the mark: the pages from it on are all rewritten.
        if (listsStale)
          sql.exec(
            'INSERT INTO lists_stale_from (id, version) VALUES (1, ?) ON CONFLICT (id) DO NOTHING',
            meta.version,
          );
        sql.exec(
          'INSERT INTO versions (version, meta, retained_from) VALUES (?, ?, ?)',
          meta.version,
          JSON.stringify(meta),
          retainedFrom,
        );
        sql.exec('DROP TABLE current_rows');
        sql.exec('ALTER TABLE staging RENAME TO current_rows');
      });
    },

    listsStaleFrom() {
      const [row] = sql.exec<{ version: number }>('SELECT version FROM lists_stale_from').toArray();
      return row?.version ?? null;
    },

    listsWritten() {
      sql.exec('DELETE FROM lists_stale_from');
    },

    unpruned(before) {
      return sql
        .exec<{ meta: string }>(
          'SELECT meta FROM versions WHERE pruned = 0 AND version < ? ORDER BY version',
          before,
        )
        .toArray()
        .map((row) => parse(row.meta));
    },

    markPruned(version) {
      sql.exec('UPDATE versions SET pruned = 1 WHERE version = ?', version);
    },
  };
}
