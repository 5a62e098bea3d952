import type { z } from 'zod';

/** What one cell of a published row may hold: rows are flat so they page, sort, filter and CSV alike. */
export type CellValue = string | number | boolean | null;
export type Row = Record<string, CellValue>;

/** How a dataset is best drawn; the pages render it as SVG on the server (src/pages/chart.tsx). */
export type ChartHint =
  /** Horizontal bars, one per row: `x` names the bar (field id of the category), `y` is the measure. */
  | { kind: 'bar'; x: string; y: string }
  /** Events on a time axis: `x` is the numeric field placing them (a year), `label` the text beside each. */
  | { kind: 'timeline'; x: string; label: string };

/**
 * One dataset of the catalogue. Runtime-neutral: the Worker and the Node scripts both import it.
 *
 * `schema` describes one row. It accepts what editors type (via the coercions) and its own output
 * unchanged, so rows served by a GET can be published again as they are. Each field carries
 * `.meta({ title, description })`: the title is the human header in the sheet, the description is
 * documentation for readers of the API.
 */
export interface DatasetDefinition<Schema extends z.ZodObject = z.ZodObject> {
  /** Stable kebab-case id, used in URLs and storage keys. */
  id: string;
  title: string;
  description: string;
  /** The spreadsheet tab (and fixture CSV file name) the rows come from. */
  tab: string;
  /** Field ids that identify a row; diffs and duplicate checks use them. */
  key: readonly string[];
  schema: Schema;
  /** Largest fraction of rows one publish may remove without `force` (default 0.5). */
  shrinkGuard?: number;
  chart?: ChartHint;
}
