import type { VersionMeta } from '../store/records.ts';
import type { CurrentRow, HistoryStore } from './history-store.ts';

/** The history in the Durable Object's own SQLite database: strongly consistent, local, transactional. */
export function sqlHistory(storage: DurableObjectStorage): HistoryStore {
  const { sql } = storage;
  sql.exec(`CREATE TABLE IF NOT EXISTS versions (
    version INTEGER PRIMARY KEY,
    meta TEXT NOT NULL,
    retained_from INTEGER NOT NULL,
    pruned INTEGER NOT NULL DEFAULT 0
  )`);
  sql.exec(`CREATE TABLE IF NOT EXISTS current_rows (
    key TEXT PRIMARY KEY,
    line TEXT NOT NULL,
    position INTEGER NOT NULL
  )`);

  sql.exec(`CREATE TABLE IF NOT EXISTS pending (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    meta TEXT NOT NULL,
    retained_from INTEGER NOT NULL
  )`);

  // One row once the pending version's head write has begun.
  sql.exec('CREATE TABLE IF NOT EXISTS pending_head (id INTEGER PRIMARY KEY CHECK (id = 1))');

  // One row when KV's history list and catalogue entry lag the versions table.
  sql.exec('CREATE TABLE IF NOT EXISTS lists_stale (id INTEGER PRIMARY KEY CHECK (id = 1))');

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

    metas() {
      return sql
        .exec<{ meta: string }>('SELECT meta FROM versions ORDER BY version DESC')
        .toArray()
        .map((row) => parse(row.meta));
    },

    currentRows() {
      const rows = new Map<string, CurrentRow>();
      for (const row of sql.exec<{ key: string; line: string; position: number }>(
        'SELECT key, line, position FROM current_rows ORDER BY position',
      )) {
        rows.set(row.key, { line: row.line, position: row.position });
      }
      return rows;
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

    commit({ meta, retainedFrom }, rows, listsStale) {
      storage.transactionSync(() => {
        sql.exec('DELETE FROM pending');
        sql.exec('DELETE FROM pending_head');
        sql.exec(
          listsStale ? 'INSERT OR REPLACE INTO lists_stale (id) VALUES (1)' : 'DELETE FROM lists_stale',
        );
        sql.exec(
          'INSERT INTO versions (version, meta, retained_from) VALUES (?, ?, ?)',
          meta.version,
          JSON.stringify(meta),
          retainedFrom,
        );
        for (const key of rows.deletes) sql.exec('DELETE FROM current_rows WHERE key = ?', key);
        for (const { key, line, position } of rows.upserts) {
          sql.exec(
            'INSERT INTO current_rows (key, line, position) VALUES (?, ?, ?) ' +
              'ON CONFLICT (key) DO UPDATE SET line = excluded.line, position = excluded.position',
            key,
            line,
            position,
          );
        }
      });
    },

    listsStale() {
      return sql.exec('SELECT id FROM lists_stale').toArray().length > 0;
    },

    listsWritten() {
      sql.exec('DELETE FROM lists_stale');
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
