import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSheets, startFakeSheets } from '../../../test/node/support/fake-sheets.ts';
import { retryPolicyWithin } from '../retry.ts';
import { type GoogleSource, googleSource } from './google.ts';

describe('writing the status tab', () => {
  let fake: FakeSheets;
  let source: GoogleSource;

  beforeEach(async () => {
    fake = await startFakeSheets();
    source = await googleSource(
      {
        kind: 'google',
        spreadsheetId: fake.spreadsheetId,
        credentials: { variable: 'GOOGLE_OAUTH_ACCESS_TOKEN', accessToken: fake.token },
        apiRoot: fake.url,
        status: true,
      },
      retryPolicyWithin(2_000),
    );
  });
  afterEach(() => fake.close());

  it('creates the tab, retrying the addSheet POST through 503s', async () => {
    fake.failNext(2, 503, { only: 'POST' });
    await source.writeStatus([['a', 'b']]);
    expect(fake.writes().map((c) => `${c.method} ${c.status}`)).toEqual([
      'PUT 400',
      'POST 503',
      'POST 503',
      'POST 200',
      'PUT 200',
      'POST 200',
    ]);
    expect(fake.values('Publish status')).toEqual([['a', 'b']]);
  });

  it('clears what a longer earlier run left below, and writes values RAW', async () => {
    await source.writeStatus(Array.from({ length: 8 }, (_, i) => [`old ${i}`, '=1+1']));
    await source.writeStatus([['new', '']]);
    expect(fake.values('Publish status')).toEqual([['new']]);
    const updates = fake.writes().filter((c) => c.method === 'PUT');
    expect(updates.every((c) => c.query.get('valueInputOption') === 'RAW')).toBe(true);
  });
});
