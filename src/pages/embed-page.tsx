import type { FC } from 'hono/jsx';
import { DataTable } from './data-table.tsx';
import { type DatasetView, sourcesOf, ViewChart } from './dataset-page.tsx';
import { Document, dateInWords } from './layout.tsx';
import { paths } from './paths.ts';

export type EmbedView = 'chart' | 'table';

/**
 * The chart or the table with minimal chrome, for other sites to frame, and a footer that says which
 * version it shows and links to that version's permanent page.
 */
export const EmbedPage: FC<{ view: DatasetView; show: EmbedView }> = ({ view, show }) => {
  const { def, meta, table } = view;
  const sources = sourcesOf(table.rows);
  const permanent = view.origin + paths.version(def.id, meta.version);
  return (
    <Document title={`${def.title} · Assay`} assets={view.assets} embed>
      <h1 class="embed-title">{def.title}</h1>
      {show === 'chart' && def.chart ? (
        <ViewChart view={view} />
      ) : (
        <DataTable caption={def.title} columns={view.columns} page={table} />
      )}
      <footer>
        {sources.length > 0 ? `Source: ${sources.join('; ')} · ` : ''}Data as of version {meta.version},{' '}
        {dateInWords(meta.publishedAt)} ·{' '}
        <a href={permanent} target="_top">
          Get the data
        </a>
      </footer>
    </Document>
  );
};
