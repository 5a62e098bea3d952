import type { FC } from 'hono/jsx';
import type { Assets } from './assets.ts';
import { Document } from './layout.tsx';
import { paths } from './paths.ts';

const headings: Record<number, string> = {
  400: 'This address asks for something the page cannot show',
  404: 'Not found',
  410: 'No longer kept',
};

/** What a reader sees instead of a problem+json: the status, what went wrong, and the way back. */
export const ErrorPage: FC<{ status: number; detail: string; assets: Assets }> = ({
  status,
  detail,
  assets,
}) => {
  const heading = headings[status] ?? 'Something went wrong';
  return (
    <Document title={`${heading} · Assay`} assets={assets}>
      <h1>{heading}</h1>
      <p>{detail}</p>
      <p>
        <a href={paths.catalogue}>See all datasets</a>
      </p>
      <p class="muted">Status {status}.</p>
    </Document>
  );
};
