import type { FC } from 'hono/jsx';
import type { Row } from '../datasets/types.ts';
import { canonicalQuery, type QueryParts } from '../query/query-string.ts';
import type { ReadQuery } from '../query/read-query.ts';
import { cellText, type DisplayColumn } from './columns.ts';

export interface TablePage {
  /** The query as the reader gave it (its limit may be unset: the page size then applies). */
  query: ReadQuery;
  pageSize: number;
  rows: readonly Row[];
  hasNext: boolean;
  /** Rows in the version, whatever the query selects. */
  rowCount: number;
  /**
   * The page these links lead back to (sorting and paging are links: they work without script), with
   * any parameter of its own that is not part of the read query (an embed's `view`).
   */
  path: string;
}

const link = (path: string, query: QueryParts) => {
  const search = canonicalQuery(query);
  if (!search) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
};

/** Clicking a header sorts by it ascending, clicking it again descending; sorting starts at row 1. */
function sortLink(page: TablePage, column: DisplayColumn): string {
  const ascending = page.query.sort?.column.name === column.name && !page.query.sort.descending;
  return link(page.path, { ...page.query, sort: { column, descending: ascending }, offset: 0 });
}

function ariaSort(page: TablePage, column: DisplayColumn) {
  if (page.query.sort?.column.name !== column.name) return undefined;
  return page.query.sort.descending ? 'descending' : 'ascending';
}

export const DataTable: FC<{ caption: string; columns: readonly DisplayColumn[]; page: TablePage }> = ({
  caption,
  columns,
  page,
}) => {
  const first = page.query.offset + 1;
  const last = page.query.offset + page.rows.length;
  const filtered = page.query.filters.length > 0;
  const range =
    page.rows.length === 0
      ? 'No rows match.'
      : `Rows ${first}–${last}${filtered ? ' of those matching the filter' : ` of ${page.rowCount}`}.`;
  return (
    <>
      {/* Focusable, so a keyboard can scroll a table wider than the screen. */}
      <section class="table-box" aria-label={caption} tabindex={0}>
        <table>
          <caption>
            {caption} · {range}
          </caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const sorted = ariaSort(page, column);
                return (
                  <th scope="col" class={column.numeric ? 'num' : undefined} aria-sort={sorted}>
                    <a href={sortLink(page, column)}>
                      {column.title}
                      <span aria-hidden="true">
                        {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
                      </span>
                      <span class="visually-hidden">
                        {sorted === 'ascending' ? ', sort descending' : ', sort ascending'}
                      </span>
                    </a>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr>
                {columns.map((column) => {
                  const text = cellText(column, row);
                  return (
                    <td class={column.numeric ? 'num' : undefined}>
                      {text ?? <span class="visually-hidden">empty</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Pager page={page} />
    </>
  );
};

const Pager: FC<{ page: TablePage }> = ({ page }) => {
  const { query, pageSize } = page;
  if (query.offset === 0 && !page.hasNext) return null;
  return (
    <nav class="pager" aria-label="Table pages">
      {query.offset > 0 ? (
        <a href={link(page.path, { ...query, offset: Math.max(0, query.offset - pageSize) })} rel="prev">
          ← Previous {pageSize} rows
        </a>
      ) : null}
      {page.hasNext ? (
        <a href={link(page.path, { ...query, offset: query.offset + pageSize })} rel="next">
          Next {pageSize} rows →
        </a>
      ) : null}
    </nav>
  );
};

export const ColumnNotes: FC<{ columns: readonly DisplayColumn[] }> = ({ columns }) => (
  <details>
    <summary>About the columns</summary>
    <dl class="columns">
      {columns.map((column) => (
        <>
          <dt>{column.title}</dt>
          <dd>
            {column.description ?? 'No description.'}{' '}
            <span class="muted">
              (<code>{column.name}</code>
              {column.approximateFlag ? '; ~ marks an estimate' : ''})
            </span>
          </dd>
        </>
      ))}
    </dl>
  </details>
);
