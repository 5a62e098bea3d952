import type { FC } from 'hono/jsx';
import type { DatasetDefinition, Row } from '../datasets/types.ts';
import type { VersionMeta } from '../store/records.ts';
import type { Assets } from './assets.ts';
import { Chart } from './chart.tsx';
import type { DisplayColumn } from './columns.ts';
import { ColumnNotes, DataTable, type TablePage } from './data-table.tsx';
import { embedCode, embedHeight } from './embed-code.ts';
import { Document, When } from './layout.tsx';
import { paths } from './paths.ts';

export interface DatasetView {
  def: DatasetDefinition;
  meta: VersionMeta;
  /** Whether this page is the dataset's moving URL or a pinned version's. */
  pinned: boolean;
  columns: DisplayColumn[];
  table: TablePage;
  /** Scheme and host the page was asked under, for the embed code and the oEmbed link. */
  origin: string;
  assets: Assets;
}

/** The distinct sources the shown rows cite (every dataset has a `source` column), in first-seen order. */
export function sourcesOf(rows: readonly Row[]): string[] {
  return [...new Set(rows.map((row) => row.source).filter((s): s is string => typeof s === 'string'))];
}

/** The chart of the rows a page or embed shows, from the dataset's hint. */
export const ViewChart: FC<{ view: DatasetView }> = ({ view }) =>
  view.def.chart ? (
    <Chart
      id="chart"
      title={view.def.title}
      hint={view.def.chart}
      rows={view.table.rows}
      columns={view.columns}
      keyColumns={view.def.key}
    />
  ) : null;

export const DatasetPage: FC<{ view: DatasetView }> = ({ view }) => {
  const { def, meta, table, origin } = view;
  const id = def.id;
  const self = view.pinned ? paths.version(id, meta.version) : paths.dataset(id);
  const sources = sourcesOf(table.rows);
  const oembed = `/oembed?url=${encodeURIComponent(origin + self)}`;
  const height = embedHeight(table.rows.length);
  return (
    <Document
      title={`${def.title}${view.pinned ? `, version ${meta.version}` : ''} · Assay`}
      assets={view.assets}
      head={<link rel="alternate" type="application/json+oembed" href={oembed} title={def.title} />}
    >
      <p class="breadcrumb">
        <a href={paths.catalogue}>All datasets</a>
      </p>
      <h1>{def.title}</h1>
      <p>{def.description}</p>
      <ul class="facts">
        {/* A pinned page never changes (it is cached as immutable), so it cannot say which version is newest. */}
        <li>
          Version {meta.version}
          {view.pinned ? (
            <>
              {' '}
              (this version for good; <a href={paths.dataset(id)}>see the latest</a>)
            </>
          ) : (
            ' (the latest)'
          )}
        </li>
        <li>
          Published <When iso={meta.publishedAt} />
        </li>
        <li>{meta.rowCount} rows</li>
        <li>
          <a href={paths.history(id)}>History of changes</a>
        </li>
      </ul>
      {sources.length > 0 ? <p>Sources: {sources.join('; ')}</p> : null}
      <h2>Download this version</h2>
      <ul class="downloads">
        <li>
          <a href={paths.apiVersion(id, meta.version)}>JSON</a>
        </li>
        <li>
          <a href={`${paths.apiVersion(id, meta.version)}?format=csv`}>CSV</a>
        </li>
        <li>
          <a href={paths.apiSchema(id)}>Schema</a>
        </li>
        <li>
          <a href={paths.apiReference}>API reference</a>
        </li>
      </ul>
      <p class="muted">
        These links always give version {meta.version}, even after newer versions are published.
      </p>
      {def.chart ? (
        <>
          <h2>Chart</h2>
          <ViewChart view={view} />
        </>
      ) : null}
      <h2>Table</h2>
      <DataTable caption={def.title} columns={view.columns} page={table} />
      <ColumnNotes columns={view.columns} />
      <h2>Embed</h2>
      <p>Paste this into an article to show the {def.chart ? 'chart' : 'table'} with a link to its data.</p>
      <label for="embed-latest">Always the latest version</label>
      <textarea id="embed-latest" readonly rows={3}>
        {embedCode(origin + paths.embed(id), def.title, '100%', height)}
      </textarea>
      <label for="embed-pinned">Exactly version {meta.version}</label>
      <textarea id="embed-pinned" readonly rows={3}>
        {embedCode(
          origin + paths.embed(id, meta.version),
          `${def.title}, version ${meta.version}`,
          '100%',
          height,
        )}
      </textarea>
    </Document>
  );
};
