import { clipped } from '../datasets/cell.ts';
import { tabCells } from '../datasets/grid-cells.ts';
import { type SheetProblem, sheetPlace } from '../datasets/sheet-problem.ts';
import { problem, problemDetails } from '../http/problem.ts';
import { rowsGone } from '../http/rows-gone.ts';
import type { StoredVersion } from '../publish/publisher.ts';
import { type RenamedKey, renamedKeyWarnings } from '../publish/renamed-keys.ts';
import * as routes from './admin.routes.ts';
import {
  callWriter,
  checkedFeed,
  checkTab,
  forceNeedsAdmin,
  logEntry,
  logged,
  maxProblems,
  type PublishLog,
  problemsDetail,
  published,
  refusal,
  respond,
  rowsPublished,
  sendAll,
  storedLines,
  tooLong,
  toWriter,
  validateAndPublish,
  writerOf,
} from './admin-publish.ts';
import { type AppRouteHandler, createRouter } from './create-router.ts';
import { datasetOr404 } from './datasets.ts';

/** A problem or warning of a tab as the /sheet answers list it: its cell named with the tab, `Production!C5`. */
function placed({ tab, cell, ...rest }: SheetProblem) {
  return { cell: sheetPlace({ tab, cell }), ...rest };
}

function sheetInvalid(
  entry: PublishLog,
  problems: readonly SheetProblem[],
  warnings: ReturnType<typeof placed>[],
  what: string,
) {
  entry.outcome = 'invalid';
  return problem(
    422,
    problemsDetail(what, problems, 'Each problem names its cell and what to change there.'),
    { problems: problems.slice(0, maxProblems).map(placed), problemCount: problems.length, warnings },
  );
}

export const publishDataset: AppRouteHandler<typeof routes.publishDataset> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  // An NDJSON body is answered by `publishNdjson` before the JSON checks; what reaches here is JSON.
  if (typeof body === 'string') throw problem(415, 'Send the body as JSON or NDJSON.');
  const { rows, source, baseVersion, force } = body;
  forceNeedsAdmin(c, force);
  return respond(
    c,
    id,
    await validateAndPublish(c, datasetOr404(c, id), rows, { source, baseVersion, force }),
  );
};

/**
 * A tab sent as its cells: read and validated as the sync reads a tab (one implementation), every
 * problem at its cell; then published, or with `dryRun` compared with the current version only.
 */
export const publishSheet: AppRouteHandler<typeof routes.publishSheet> = async (c) => {
  const { id } = c.req.valid('param');
  const { sheet, dryRun = false, baseVersion, force, source } = c.req.valid('json');
  const def = datasetOr404(c, id);
  forceNeedsAdmin(c, force);
  const title = sheet.title;
  const entry = logEntry(c, id, sheet.rowData.length, { sheet: clipped(title), dryRun });
  return logged(entry, async () => {
    const report = await checkTab(def, tabCells([{ rowData: sheet.rowData }]), title);
    const warnings = report.warnings.map(placed);
    if (report.problems.length > 0)
      throw sheetInvalid(entry, report.problems, warnings, `The tab "${clipped(title)}" cannot be published`);
    const rowCount = report.rows.length;
    entry.rows = rowCount;
    const options = { source: source ?? { kind: 'sheet', tab: title }, baseVersion, force, dryRun };
    const result = await toWriter(c, def, options, sendAll(report.rows));
    entry.outcome = result.outcome;
    if (result.outcome === 'oversized') {
      // Every data row passed, so none was blank: rows[i] is sheet row i + 2.
      const row = result.row + 2;
      const tooBig = {
        tab: title,
        cell: `${row}:${row}`,
        row,
        column: null,
        message: tooLong(result),
        value: null,
      };
      throw sheetInvalid(entry, [tooBig], warnings, `A row of the tab "${clipped(title)}" is too large`);
    }
    // The tab's check found repeated keys, and toWriter answers a cut stream itself.
    if (result.outcome === 'duplicates' || result.outcome === 'cut')
      throw new Error(`a checked tab came back as ${result.outcome}`);
    const renamedWarnings = (renamed?: readonly RenamedKey[]) =>
      renamedKeyWarnings(title, renamed).map(placed);
    if (result.outcome === 'checked') {
      const { version, changes } = result;
      const refused = result.refusal && problemDetails(409, ...refusal(id, result.refusal, undefined));
      return c.json(
        {
          valid: true as const,
          version,
          rowCount,
          changes,
          unchanged: false,
          warnings: [...warnings, ...renamedWarnings(result.renamed)],
          ...(refused && { refusal: refused }),
        },
        200,
      );
    }
    if (dryRun && result.outcome === 'unchanged') {
      const changes = { added: 0, removed: 0, changed: 0 };
      return c.json(
        { valid: true as const, version: result.version, rowCount, changes, unchanged: true, warnings },
        200,
      );
    }
    const answer = await published(c, id, entry, result);
    if ('unchanged' in answer) return c.json({ ...answer, rowCount, warnings }, 200);
    const { renamed, ...live } = answer;
    return c.json({ ...live, rowCount, warnings: [...warnings, ...renamedWarnings(renamed)] }, 201, {
      location: `/v1/datasets/${id}/versions/${answer.version}`,
    });
  });
};

export const rollbackDataset: AppRouteHandler<typeof routes.rollbackDataset> = async (c) => {
  const { id } = c.req.valid('param');
  const { version, force } = c.req.valid('json');
  const def = datasetOr404(c, id);
  const found = await callWriter(
    id,
    async (): Promise<StoredVersion> => writerOf(c, id).storedVersion(version),
  );
  if (found.status === 'missing') {
    throw problem(
      404,
      found.latest === 0
        ? `Dataset "${id}" has no published version to roll back to.`
        : `Dataset "${id}" has no version ${version}; the latest is ${found.latest}.`,
    );
  }
  if (found.status === 'pruned')
    throw rowsGone({ dataset: id, version }, `roll back to version ${found.retainedFrom} or later.`);
  const entry = logEntry(c, id, 0, { rolledBackFrom: version });
  const answer = await logged(entry, async () => {
    const lines = storedLines(c.var.reader, found.meta);
    const what = `The rows of version ${version} no longer meet the schema of "${id}"`;
    const feed = checkedFeed(c, def, entry, lines, (line) => JSON.parse(line), what);
    const result = await toWriter(c, def, { force, rolledBackFrom: version }, feed);
    return rowsPublished(c, def, entry, result, version);
  });
  return respond(c, id, answer);
};

export const adminRoutes = createRouter();

adminRoutes.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
  type: 'http',
  scheme: 'bearer',
  description:
    'A token from the ADMIN_TOKEN secret (`label:token` pairs; send only the token): every admin right.',
});

adminRoutes.openAPIRegistry.registerComponent('securitySchemes', 'publishToken', {
  type: 'http',
  scheme: 'bearer',
  description:
    'A token from the PUBLISH_TOKEN secret (same format): may publish (PUT, POST …/sheet, dry runs), but a publish with "force": true or a rollback is 403.',
});

adminRoutes.use('/admin/*', async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
});

adminRoutes
  .openapi(routes.publishDataset, publishDataset)
  .openapi(routes.publishSheet, publishSheet)
  .openapi(routes.rollbackDataset, rollbackDataset);
