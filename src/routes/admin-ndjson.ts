import type { MiddlewareHandler } from 'hono';
import { clipped } from '../datasets/cell.ts';
import type { AppEnv } from '../env.ts';
import { whereItBreaks } from '../http/json-body.ts';
import { type NdjsonLine, ndjsonLines } from '../http/ndjson-lines.ts';
import { problem } from '../http/problem.ts';
import {
  checkedFeed,
  forceNeedsAdmin,
  logEntry,
  logged,
  respond,
  rowsMissSchema,
  rowsPublished,
  toWriter,
} from './admin-publish.ts';
import { datasetOr404 } from './datasets.ts';
import { PublishOptionsLine } from './publish-options.ts';
import { DatasetIdParam } from './schemas.ts';

const ndjsonType = /^application\/(?:x-)?ndjson\s*(?:;|$)/i;

/**
 * The longest line taken, in bytes: twice the longest row the writer keeps (512 K characters of JSON),
 * room for a sender's spacing; a line is held whole while it is read.
 */
export const maxLineBytes = 1024 * 1024;

function parsedLine(text: string, number: number, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw problem(400, `Line ${number} is not valid JSON${whereItBreaks(error)}; ${what}.`, { line: number });
  }
}

function optionsOf(text: string | undefined) {
  const what = 'line 1 holds the options, as a JSON object such as {"baseVersion": 3} or {}';
  if (text === undefined) throw problem(400, `The body is empty; ${what}, then one row object per line.`);
  const parsed = PublishOptionsLine.safeParse(parsedLine(text, 1, what));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw problem(400, clipped(`Line 1 (the options): ${where}${issue?.message ?? 'is not valid'}`, 1000), {
    line: 1,
  });
}

/**
 * `PUT /admin/v1/datasets/{id}` with an NDJSON body: the options on line 1, then a row a line, read as
 * they arrive. Each row is checked and sent on to the writer at once, so neither this isolate nor the
 * writer's holds the rows; the writer stages them in SQLite. Any other body goes on to the JSON route.
 */
export const publishNdjson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!ndjsonType.test(c.req.header('content-type') ?? '')) return next();
  const id = c.req.param('id') ?? '';
  if (!DatasetIdParam.safeParse(id).success)
    throw problem(404, 'Nothing is found at this path: no such dataset id.');
  const def = datasetOr404(c, id);
  const lines = ndjsonLines(c.req.raw.body ?? new ReadableStream(), maxLineBytes);
  const options = optionsOf((await lines.next()).value?.text);
  forceNeedsAdmin(c, options.force);
  const entry = logEntry(c, id, 0);
  const answer = await logged(entry, async () => {
    const row = ({ text, number }: NdjsonLine) =>
      parsedLine(text, number, 'each line after the first is one row object');
    const result = await toWriter(
      c,
      def,
      options,
      checkedFeed(c, def, entry, lines, row, rowsMissSchema(id)),
    );
    return rowsPublished(c, def, entry, result);
  });
  return respond(c, id, answer);
};
