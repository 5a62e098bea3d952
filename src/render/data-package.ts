import { catalogue } from '../datasets/catalogue.ts';
import { clipped } from '../datasets/cell.ts';
import { tableSchema } from '../datasets/table-schema.ts';
import type { DatasetDefinition } from '../datasets/types.ts';
import type { VersionMeta } from '../store/records.ts';

export interface PackagedDataset {
  def: DatasetDefinition;
  meta: VersionMeta;
  /** Absolute URL of the CSV the resource describes. */
  csv: string;
}

interface Source {
  title: string;
  path?: string;
}

const spreadsheetId = /^[A-Za-z0-9_-]{10,100}$/;

/** Where a version's rows came from, as the publish recorded it (`source` of the admin API). */
function sourceOf(meta: VersionMeta): Source | undefined {
  const source = meta.source;
  if (!source) return undefined;
  const { kind, spreadsheet, tab, path } = source;
  if (kind === 'google' && typeof spreadsheet === 'string' && spreadsheetId.test(spreadsheet)) {
    return {
      title: `Google Sheets spreadsheet ${spreadsheet}${typeof tab === 'string' ? `, tab ${clipped(tab, 100)}` : ''}`,
      path: `https://docs.google.com/spreadsheets/d/${spreadsheet}`,
    };
  }
  if (kind === 'file' && typeof path === 'string') return { title: `File ${clipped(path, 200)}` };
  return { title: clipped(JSON.stringify(source), 200) };
}

function resource({ def, meta, csv }: PackagedDataset) {
  const source = sourceOf(meta);
  return {
    profile: 'tabular-data-resource',
    name: def.id,
    path: csv,
    title: def.title,
    description: `${def.description} Version ${meta.version}, published ${meta.publishedAt}, ${meta.rowCount} rows. Text cells that begin with =, +, -, @, a tab or a carriage return carry a leading apostrophe in the CSV, so spreadsheet apps do not run them as formulas.`,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
    schema: tableSchema(def),
    ...(source && { sources: [source] }),
  };
}

/**
 * A Frictionless (tabular) Data Package: each dataset a resource whose path is its CSV, with a Table
 * Schema made from the dataset's own schema, the sources its publishes recorded, and the catalogue's
 * licence. `name` and `title` default to the catalogue's.
 */
export function dataPackage(
  datasets: readonly PackagedDataset[],
  about: { name: string; title: string; description: string } = catalogue,
) {
  const resources = datasets.map(resource);
  const sources = [...new Map(resources.flatMap((r) => r.sources ?? []).map((s) => [s.title, s])).values()];
  return {
    profile: 'tabular-data-package',
    name: about.name,
    title: about.title,
    description: about.description,
    licenses: catalogue.licenses,
    ...(sources.length > 0 && { sources }),
    resources,
  };
}
