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
