import type { FC } from 'hono/jsx';
import type { DatasetDefinition } from '../datasets/types.ts';
import type { CatalogueEntry } from '../store/records.ts';
import type { Assets } from './assets.ts';
import { Document, When } from './layout.tsx';
import { paths } from './paths.ts';

export interface CatalogueView {
  datasets: readonly DatasetDefinition[];
  entries: ReadonlyMap<string, CatalogueEntry>;
  assets: Assets;
}

export const CataloguePage: FC<{ view: CatalogueView }> = ({ view }) => (
  <Document title="Datasets · Assay" assets={view.assets}>
    <h1>Datasets</h1>
    <p>
      Every dataset published from the spreadsheet, each version permanent. For programs: the{' '}
      <a href={paths.apiReference}>API reference</a> and the catalogue as <a href="/v1/datasets">JSON</a>.
    </p>
    <ul class="catalogue">
      {view.datasets.map((def) => {
        const entry = view.entries.get(def.id);
        return (
          <li>
            <h2>{entry ? <a href={paths.dataset(def.id)}>{def.title}</a> : def.title}</h2>
            <p>{def.description}</p>
            {entry ? (
              <>
                <ul class="facts">
                  <li>Version {entry.version}</li>
                  <li>
                    Published <When iso={entry.publishedAt} />
                  </li>
                  <li>{entry.rowCount} rows</li>
                </ul>
                <ul class="downloads" aria-label={`${def.title}: data`}>
                  <li>
                    <a href={paths.apiDataset(def.id)}>JSON</a>
                  </li>
                  <li>
                    <a href={`${paths.apiDataset(def.id)}?format=csv`}>CSV</a>
                  </li>
                  <li>
                    <a href={paths.apiSchema(def.id)}>Schema</a>
                  </li>
                  <li>
                    <a href={paths.history(def.id)}>History</a>
                  </li>
                </ul>
              </>
            ) : (
              <p class="muted">Not published yet.</p>
            )}
          </li>
        );
      })}
    </ul>
  </Document>
);
