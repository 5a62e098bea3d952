import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { root } from '../../../scripts/worker/wrangler.ts';
import { ConfigSchema } from '../../../src/config.ts';
import { readmeTableNames } from '../support/readme-table.ts';
import { startWorker, type TestWorker } from '../support/worker.ts';

const publicTable = '## The API';
const adminTable = '## Publishing (the admin API)';
const configurationTable = '## Configuration';

/** `GET /v1/datasets/:id`, as the README's API tables spell a route. */
const readmeRoute = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
const tableFor = (route: string) => (route.split(' ')[1]?.startsWith('/admin/') ? adminTable : publicTable);

describe('every route of the OpenAPI document is in the README (a new one fails here until it is)', () => {
  let worker: TestWorker | undefined;
  let routes: string[] = [];
  beforeAll(async () => {
    worker = await startWorker();
    const doc = (await (await fetch(`${worker.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => readmeRoute(method, path)),
    );
  });
  afterAll(() => worker?.stop());

  it('each route has a row in the public or the admin API table', () => {
    expect(routes.length).toBeGreaterThan(0);
    const listed = new Set([...readmeTableNames(publicTable), ...readmeTableNames(adminTable)]);
    const missing = routes.filter((route) => !listed.has(route));
    expect(
      missing,
      missing
        .map(
          (route) =>
            `README.md lacks \`${route}\`: add a row | \`${route}\` | … | to the table under "${tableFor(route)}"`,
        )
        .join('\n'),
    ).toEqual([]);
  });

  it('each row of the API tables is a route the Worker serves', () => {
    const served = new Set(routes);
    for (const heading of [publicTable, adminTable]) {
      const stale = readmeTableNames(heading).filter((route) => !served.has(route));
      expect(
        stale,
        `the table under "${heading}" in README.md lists routes /openapi.json lacks: ${stale.join(', ')}; correct or remove those rows`,
      ).toEqual([]);
    }
  });
});

interface WranglerSettings {
  vars: Record<string, unknown>;
  kv_namespaces: { binding: string }[];
  durable_objects: { bindings: { name: string }[] };
}

/** Where the Worker's bindings, variables and secrets are declared, and the names each declares. */
function workerSettings(): { where: string; names: string[] }[] {
  // wrangler's own reading of the file; its Config type comes from a package it does not ship, so name
  // the part read here.
  const wrangler: WranglerSettings = unstable_readConfig(
    { config: join(root, 'wrangler.toml') },
    { hideWarnings: true },
  );
  const example = readFileSync(join(root, '.dev.vars.example'), 'utf8');
  return [
    { where: 'wrangler.toml [vars]', names: Object.keys(wrangler.vars) },
    { where: 'wrangler.toml [[kv_namespaces]]', names: wrangler.kv_namespaces.map((kv) => kv.binding) },
    {
      where: 'wrangler.toml [[durable_objects.bindings]]',
      names: wrangler.durable_objects.bindings.map((object) => object.name),
    },
    { where: 'the schema in src/config.ts', names: Object.keys(ConfigSchema.shape) },
    {
      where: 'a secret in .dev.vars.example',
      names: [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? ''),
    },
  ];
}

describe('every binding, variable and secret of the Worker is in the README (a new one fails here until it is)', () => {
  const settings = workerSettings();

  it.each(settings.map(({ where, names }) => [where, names]))(
    '%s: each has a row in the Configuration table',
    (where, names) => {
      expect(names.length, `found nothing in ${where}`).toBeGreaterThan(0);
      const documented = new Set(readmeTableNames(configurationTable));
      const missing = names.filter((name) => !documented.has(name));
      expect(
        missing,
        missing
          .map(
            (name) =>
              `README.md lacks \`${name}\` (${where}): add a row | \`${name}\` | where | what | to the table under "${configurationTable}"`,
          )
          .join('\n'),
      ).toEqual([]);
    },
  );
});
