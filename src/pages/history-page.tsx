import type { FC } from 'hono/jsx';
import type { DatasetDefinition, Row } from '../datasets/types.ts';
import type { ChangesDocument } from '../publish/changes.ts';
import type { VersionSummary } from '../store/records.ts';
import type { Assets } from './assets.ts';
import { cellText, type DisplayColumn } from './columns.ts';
import { Document, When } from './layout.tsx';
import { paths } from './paths.ts';

export interface HistoryEntry {
  summary: VersionSummary;
  rowsRetained: boolean;
  /** The row-level diff, when it is among the few newest versions shown in detail. */
  changes?: ChangesDocument;
}

export interface HistoryView {
  def: DatasetDefinition;
  entries: readonly HistoryEntry[];
  columns: DisplayColumn[];
  /** How many versions at the top of each page show their rows; the others give their counts. */
  detailed: number;
  /** Whether this page starts at the latest version. */
  newest: boolean;
  /** The page of the versions before the last one listed, when there are any. */
  older?: string;
  assets: Assets;
}

/** Rows shown per kind of change; the rest are counted and left to the API's diff. */
const rowsPerChange = 20;

const Counts: FC<{ summary: VersionSummary }> = ({ summary }) => {
  const c = summary.changes;
  if (!c) return <span>Changes not recorded</span>;
  return (
    <span>
      {c.added} added, {c.removed} removed, {c.changed} changed
    </span>
  );
};

export const HistoryPage: FC<{ view: HistoryView }> = ({ view }) => {
  const { def } = view;
  const label = (row: Row) =>
    def.key
      .map((k) => cellText(view.columns.find((c) => c.name === k) ?? keyColumn(k), row) ?? '(empty)')
      .join(', ');
  return (
    <Document title={`${def.title}: history · Assay`} assets={view.assets}>
      <p class="breadcrumb">
        <a href={paths.catalogue}>All datasets</a> › <a href={paths.dataset(def.id)}>{def.title}</a>
      </p>
      <h1>{def.title}: history</h1>
      <p>
        {view.newest ? 'Every published version' : 'Older versions'}, newest first. The {view.detailed} at the
        top show their changed rows; each version keeps its own permanent page while its rows are retained.
      </p>
      {view.entries.map(({ summary, rowsRetained, changes }) => (
        <section class="version" aria-labelledby={`v${summary.version}`}>
          <h2 id={`v${summary.version}`}>
            {rowsRetained ? (
              <a href={paths.version(def.id, summary.version)}>Version {summary.version}</a>
            ) : (
              `Version ${summary.version}`
            )}
          </h2>
          <p>
            Published <When iso={summary.publishedAt} /> · {summary.rowCount} rows ·{' '}
            <Counts summary={summary} />
            {summary.rolledBackFrom !== undefined
              ? ` · rolled back to the rows of version ${summary.rolledBackFrom}`
              : ''}
            {rowsRetained ? '' : ' · rows no longer kept'}
          </p>
          {changes ? <ChangeList changes={changes} columns={view.columns} label={label} /> : null}
        </section>
      ))}
      {view.older || !view.newest ? (
        <nav class="pager" aria-label="History pages">
          {view.newest ? null : <a href={paths.history(def.id)}>← Newest versions</a>}
          {view.older ? (
            <a href={view.older} rel="next">
              Older versions →
            </a>
          ) : null}
        </nav>
      ) : null}
    </Document>
  );
};

const keyColumn = (name: string): DisplayColumn => ({ name, title: name, numeric: false, percent: false });

const More: FC<{ total: number; changes: ChangesDocument }> = ({ total, changes }) =>
  total > rowsPerChange ? (
    <li>
      and {total - rowsPerChange} more in{' '}
      <a href={paths.apiChanges(changes.dataset, changes.version)}>the full diff</a>
    </li>
  ) : null;

/** Rows added or removed, by their key; the first few, and a count of the rest. */
const RowList: FC<{
  heading: 'Added' | 'Removed';
  rows: readonly Row[];
  label: (row: Row) => string;
  changes: ChangesDocument;
}> = ({ heading, rows, label, changes }) =>
  rows.length > 0 ? (
    <>
      <h3>{heading}</h3>
      <ul>
        {rows.slice(0, rowsPerChange).map((row) => (
          <li>{heading === 'Added' ? <ins>{label(row)}</ins> : <del>{label(row)}</del>}</li>
        ))}
        <More total={rows.length} changes={changes} />
      </ul>
    </>
  ) : null;

const ChangeList: FC<{
  changes: ChangesDocument;
  columns: readonly DisplayColumn[];
  label: (row: Row) => string;
}> = ({ changes, columns, label }) => {
  const added = changes.added ?? [];
  const removed = changes.removed ?? [];
  const changed = changes.changed ?? [];
  return (
    <div class="changes">
      <RowList heading="Added" rows={added} label={label} changes={changes} />
      <RowList heading="Removed" rows={removed} label={label} changes={changes} />
      {changed.length > 0 ? (
        <>
          <h3>Changed</h3>
          <ul>
            {changed.slice(0, rowsPerChange).map(({ before, after }) => (
              <li>
                {label(after)}:{' '}
                {columns
                  .filter((c) => cellText(c, before) !== cellText(c, after))
                  .map((c, i) => (
                    <>
                      {i > 0 ? '; ' : ''}
                      {c.title} <del>{cellText(c, before) ?? 'empty'}</del> →{' '}
                      <ins>{cellText(c, after) ?? 'empty'}</ins>
                    </>
                  ))}
              </li>
            ))}
            <More total={changed.length} changes={changes} />
          </ul>
        </>
      ) : null}
    </div>
  );
};
