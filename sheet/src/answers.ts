import { type Changes, changeCounts, changeWords, type Issue, type TabOutcome } from './outcome.ts';

/** An HTTP answer as UrlFetchApp gives it (with `muteHttpExceptions`), or why there was none. */
export type Answer = { status: number; text: string } | { unreachable: string };

export interface AnswerContext {
  tab: string;
  dryRun: boolean;
  /** The Worker URL from Settings, for messages. */
  url: string;
  /** The dataset's public page. */
  page: string;
  /** The version this spreadsheet last published, when it remembers one. */
  baseVersion?: number;
}

type Json = Record<string, unknown>;

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

function changesOf(body: Json): Changes | undefined {
  const changes = body.changes as Json | undefined;
  if (typeof changes !== 'object' || changes === null) return undefined;
  const { added, removed, changed } = changes;
  return isCount(added) && isCount(removed) && isCount(changed) ? { added, removed, changed } : undefined;
}

/**
 * Problems or warnings the sidebar lists per tab at most: the Worker lists up to 10,000, far more than
 * anyone reads in a sidebar, and the page carries them all. The count says how many there were.
 */
export const listLimit = 200;

/** Problems and warnings as the Worker lists them: `{ message, cell?, column? }`, anything else dropped. */
function issuesOf(list: unknown): Issue[] {
  if (!Array.isArray(list)) return [];
  return list.slice(0, listLimit).flatMap((item: unknown) => {
    const { message, cell, column } = (item ?? {}) as Json;
    if (typeof message !== 'string') return [];
    const issue: Issue = { message };
    if (typeof cell === 'string' && cell !== '') issue.cell = cell;
    if (typeof column === 'string' && column !== '') issue.column = column;
    return [issue];
  });
}

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
const problemsWord = (n: number) => `${n} ${n === 1 ? 'problem' : 'problems'}`;

function parse(text: string): Json | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Worker's answer to `POST /admin/v1/datasets/:id/sheet` → what the editor reads. Success and
 * validation answers are read by their shape; every other answer is a problem+json whose `detail`
 * says what to change, shown as it is, with what an editor can do about it where that differs from
 * what a developer would (no command-line options).
 */
export function outcomeOf(answer: Answer, context: AnswerContext): TabOutcome {
  const base = { tab: context.tab, problems: [], warnings: [] };
  if ('unreachable' in answer)
    return {
      ...base,
      kind: 'failed',
      summary: `Could not reach the Worker at ${context.url} (${answer.unreachable}). Nothing was published.`,
      advice: 'Check the Worker URL in Assay → Settings…, then try again.',
    };
  const body = parse(answer.text);
  const { status } = answer;
  const warnings = issuesOf(body?.warnings);
  const changes = body && changesOf(body);
  if (status === 201 && body && isCount(body.version) && changes)
    return {
      ...base,
      kind: 'published',
      summary: `Published version ${body.version} ${changeCounts(changes)}`,
      page: context.page,
      warnings,
    };
  if (status === 200 && context.dryRun && body?.valid === true && isCount(body.rowCount) && changes) {
    const refusal = body.refusal as Json | undefined;
    if (typeof refusal === 'object' && refusal !== null)
      return { ...base, kind: 'refused', ...refused(refusal, context), page: context.page, warnings };
    const nothing = changes.added + changes.removed + changes.changed === 0;
    return {
      ...base,
      kind: 'checked',
      summary: nothing
        ? `No problems: ${rows(body.rowCount)}, the same as the published version.`
        : `No problems: ${rows(body.rowCount)}. Publishing would ${changeWords(changes)} ${changeCounts(changes)}.`,
      page: context.page,
      warnings,
    };
  }
  if (status === 200 && body?.unchanged === true && isCount(body.version))
    return {
      ...base,
      kind: 'unchanged',
      summary: `Unchanged: version ${body.version} already holds what this tab holds.`,
      page: context.page,
      warnings,
    };
  if (status === 422 && body && Array.isArray(body.problems)) {
    const problems = issuesOf(body.problems);
    const listed = Array.isArray(body.problems) ? body.problems.length : 0;
    const count = Math.max(isCount(body.problemCount) ? body.problemCount : 0, listed, problems.length);
    return {
      ...base,
      kind: 'problems',
      summary: context.dryRun
        ? `${problemsWord(count)} to fix before this tab can be published.`
        : `${problemsWord(count)}: nothing was published; readers keep the last good version.`,
      advice: 'Select a cell below to go to it; fix it, then check the tab again.',
      problems,
      problemCount: count,
      warnings,
    };
  }
  const detail = typeof body?.detail === 'string' ? body.detail : undefined;
  if (detail === undefined || typeof body?.title !== 'string')
    return {
      ...base,
      kind: 'failed',
      summary: `The server at ${context.url} answered ${status} with something that is not an Assay answer. Nothing was published.`,
      advice: 'Check the Worker URL in Assay → Settings….',
    };
  if (status === 409) return { ...base, kind: 'refused', ...refused(body, context) };
  if (status === 401)
    return {
      ...base,
      kind: 'refused',
      summary: `The Worker at ${context.url} did not accept the token in Settings. Nothing was published.`,
      ...adviceFor(status),
    };
  return { ...base, kind: status >= 500 ? 'failed' : 'refused', summary: detail, ...adviceFor(status) };
}

/**
 * A 409 (or a dry run's `refusal`) in an editor's words. The Worker's detail is written for API
 * clients ("send "force": true"); an editor has no such option, so the sentence is made from the
 * problem's members, and only an unknown refusal is shown as the Worker wrote it.
 */
function refused(body: Json, context: AnswerContext): { summary: string; advice?: string } {
  const { currentVersion, removing, rows: of } = body;
  if (isCount(removing) && isCount(of)) {
    const what = `remove ${removing} of the ${of} rows, more than this dataset allows in one publish`;
    return {
      summary: context.dryRun
        ? `No problems in the cells, but publishing would be refused: it would ${what}.`
        : `Not published: this would ${what}. Readers keep the last good version.`,
      advice:
        'If rows were deleted or cut by mistake, put them back. If they should go, ask someone with an admin token to publish anyway.',
    };
  }
  if (isCount(currentVersion))
    return {
      summary:
        `Not published: version ${currentVersion} was published from somewhere else (a rollback, or the scheduled sync) ` +
        `after this spreadsheet last published${context.baseVersion === undefined ? '' : ` (version ${context.baseVersion})`}.`,
      advice: `Check this tab to see what publishing would change; publish again to replace version ${currentVersion} with this tab.`,
    };
  return {
    summary: typeof body.detail === 'string' ? body.detail : `The Worker refused (${String(body.title)}).`,
  };
}

function adviceFor(status: number): { advice?: string } {
  if (status === 401)
    return { advice: 'Ask your Assay administrator for a publish token and paste it in Assay → Settings….' };
  if (status >= 500)
    return { advice: 'Nothing was published; readers keep the last good version. Try again in a minute.' };
  return {};
}
