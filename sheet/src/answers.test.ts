import { describe, expect, it } from 'vitest';
import { type AnswerContext, listLimit, outcomeOf } from './answers.ts';

const context: AnswerContext = {
  tab: 'Production',
  dryRun: false,
  url: 'https://assay.example.org',
  page: 'https://assay.example.org/datasets/production',
};
const answer = (status: number, body: unknown) => ({ status, text: JSON.stringify(body) });
const problem = (status: number, detail: string, extra = {}) =>
  answer(status, { type: 'about:blank', title: 'x', status, detail, ...extra });

describe('outcomeOf', () => {
  it('says what a publish made, with the link to the page', () => {
    const outcome = outcomeOf(
      answer(201, { version: 5, rowCount: 4, changes: { added: 2, removed: 0, changed: 1 } }),
      context,
    );
    expect(outcome).toMatchObject({
      kind: 'published',
      summary: 'Published version 5 (+2 −0 ~1)',
      page: context.page,
    });
  });

  it('says what a check would change, or that it would change nothing', () => {
    const dry = { ...context, dryRun: true };
    const warnings = [{ message: 'looks like a fraction', cell: 'Production!C3' }];
    expect(
      outcomeOf(
        answer(200, { valid: true, rowCount: 4, changes: { added: 0, removed: 1, changed: 2 }, warnings }),
        dry,
      ),
    ).toMatchObject({
      kind: 'checked',
      summary: 'No problems: 4 rows. Publishing would remove 1 row and change 2 rows (+0 −1 ~2).',
      warnings,
    });
    expect(
      outcomeOf(
        answer(200, {
          valid: true,
          rowCount: 1,
          changes: { added: 0, removed: 0, changed: 0 },
          warnings: [],
        }),
        dry,
      ).summary,
    ).toBe('No problems: 1 row, the same as the published version.');
  });

  it('says when a check finds good cells that publishing would still be refused', () => {
    const refusal = {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'x',
      removing: 3,
      rows: 4,
    };
    const body = {
      valid: true,
      version: 2,
      rowCount: 1,
      changes: { added: 0, removed: 3, changed: 0 },
      warnings: [],
      refusal,
    };
    expect(outcomeOf(answer(200, body), { ...context, dryRun: true })).toMatchObject({
      kind: 'refused',
      summary:
        'No problems in the cells, but publishing would be refused: it would remove 3 of the 4 rows, more than this dataset allows in one publish.',
    });
  });

  it('lists the problems by cell, counting those the Worker did not list', () => {
    const outcome = outcomeOf(
      answer(422, {
        title: 'Invalid',
        detail: '2 problems',
        problems: [
          { message: 'expected a percentage', cell: 'Production!C5', row: 5 },
          { message: 'no rows' },
        ],
        problemCount: 12,
        warnings: [],
      }),
      context,
    );
    expect(outcome).toMatchObject({
      kind: 'problems',
      summary: '12 problems: nothing was published; readers keep the last good version.',
      problems: [{ message: 'expected a percentage', cell: 'Production!C5' }, { message: 'no rows' }],
      problemCount: 12,
    });
  });

  it('lists the first problems of a tab with thousands, and counts them all', () => {
    const problems = Array.from({ length: 1000 }, (_, i) => ({
      message: 'required, but empty',
      cell: `P!A${i + 2}`,
    }));
    const outcome = outcomeOf(answer(422, { title: 'x', detail: 'x', problems, warnings: [] }), context);
    expect(outcome.problems).toHaveLength(listLimit);
    expect(outcome.problemCount).toBe(1000);
  });

  it('shows a refusal’s detail, with what an editor can do', () => {
    expect(outcomeOf(problem(401, 'The admin API needs a valid token.'), context)).toMatchObject({
      kind: 'refused',
      summary:
        'The Worker at https://assay.example.org did not accept the token in Settings. Nothing was published.',
      advice: expect.stringContaining('Assay → Settings…'),
    });
    const stale = outcomeOf(
      problem(409, 'baseVersion 3 is not the current version.', { currentVersion: 4 }),
      {
        ...context,
        baseVersion: 3,
      },
    );
    expect(stale).toMatchObject({
      kind: 'refused',
      summary: expect.stringContaining('version 4 was published from somewhere else'),
      advice: expect.stringContaining('publish again to replace version 4'),
    });
    // The Worker's detail tells an API client to send "force"; an editor is told what they can do.
    const guard = outcomeOf(problem(409, 'send "force": true', { removing: 3, rows: 4 }), context);
    expect(guard).toMatchObject({
      kind: 'refused',
      summary:
        'Not published: this would remove 3 of the 4 rows, more than this dataset allows in one publish. Readers keep the last good version.',
      advice: expect.stringContaining('ask someone with an admin token'),
    });
    expect(outcomeOf(problem(403, 'A publish token may not roll back.'), context)).toMatchObject({
      kind: 'refused',
      summary: 'A publish token may not roll back.',
    });
    expect(outcomeOf(problem(503, 'Storage failed.'), context)).toMatchObject({
      kind: 'failed',
      advice: expect.stringContaining('Try again'),
    });
  });

  it('does not mistake another server for the Worker, nor a network failure for an answer', () => {
    expect(outcomeOf({ status: 200, text: '<html>login</html>' }, context)).toMatchObject({
      kind: 'failed',
      summary: expect.stringContaining('not an Assay answer'),
    });
    expect(outcomeOf({ unreachable: 'DNS error' }, context)).toMatchObject({
      kind: 'failed',
      summary: 'Could not reach the Worker at https://assay.example.org (DNS error). Nothing was published.',
    });
  });
});
