import { describe, expect, it } from 'vitest';
import { parseAdminTokens } from '../../src/http/admin-tokens.ts';
import { clientToken, defaultFixtureDir, parseCli, resolveConfig } from './options.ts';

describe('parseCli', () => {
  it('reads every option', () => {
    expect(
      parseCli([
        '--source=file',
        '--dir',
        'x',
        '--target',
        'http://h',
        '--dataset',
        'a',
        '--dataset',
        'b',
        '--dry-run',
        '--force',
        '--no-status',
        '--json',
        '--watch',
        '--interval',
        '30s',
        '--retry-budget',
        '2m',
      ]),
    ).toEqual({
      kind: 'run',
      json: true,
      watchIntervalMs: 30_000,
      options: {
        source: 'file',
        dir: 'x',
        target: 'http://h',
        datasets: ['a', 'b'],
        dryRun: true,
        force: true,
        status: false,
        retryBudgetMs: 120_000,
      },
    });
  });

  it('answers --help whatever else is on the line', () => {
    expect(parseCli(['--source', 'ftp', '--help'])).toEqual({ kind: 'help' });
  });

  it('watches every 5 minutes by default', () => {
    expect(parseCli(['--watch'])).toMatchObject({ watchIntervalMs: 300_000 });
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'; see --help for the options."],
    [['--froce'], "Unknown option '--froce'; did you mean --force?"],
    [['--dry_run'], "Unknown option '--dry_run'; did you mean --dry-run?"],
    [['--no-stauts'], "Unknown option '--no-stauts'; did you mean --no-status?"],
    [['--source', 'gogle'], '--source must be google or file, not "gogle"; did you mean google?'],
    [['extra'], 'extra'],
    [['--source', 'ftp'], '--source must be google or file'],
    [['--dir', ''], '--dir takes a folder'],
    [['--interval', '5m'], '--interval only applies with --watch'],
    [['--watch', '--interval', '5'], '--interval takes a duration from 1s to 24h, like 30s or 5m; got "5".'],
    [['--watch', '--interval', '500ms'], '--interval takes a duration from 1s to 24h'],
    // Past 2^31 ms a timer fires at once: a 30-day interval would run back to back.
    [['--watch', '--interval', '720h'], '--interval takes a duration from 1s to 24h'],
    [['--retry-budget', 'long'], '--retry-budget takes a duration up to 24h, like 60s or 2m; got "long".'],
    [['--retry-budget', '0s'], '--retry-budget takes a duration'],
    [['--retry-budget', '25h'], '--retry-budget takes a duration'],
    [['--dir', '  '], '--dir takes a folder'],
  ])('%j is a usage error', (argv, message) => {
    const command = parseCli(argv);
    expect(command.kind).toBe('usage-error');
    expect(command.kind === 'usage-error' && command.message).toContain(message);
  });
});

const resolve = (...args: Parameters<typeof resolveConfig>) => {
  const resolved = resolveConfig(...args);
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.config;
};
const message = (...args: Parameters<typeof resolveConfig>) => {
  const resolved = resolveConfig(...args);
  return resolved.ok ? undefined : resolved.message;
};

describe('resolveConfig', () => {
  const admin = { ADMIN_TOKEN: 'sync:secret' };

  it('reads the fixture workbook and publishes locally when nothing is set', () => {
    const config = resolve({}, admin);
    expect(config.source).toEqual({ kind: 'file', dir: defaultFixtureDir });
    expect(config.target).toEqual({ url: 'http://127.0.0.1:8787', token: 'secret' });
    expect(config.datasets.length).toBeGreaterThan(0);
  });

  it('uses Google once credentials are set, the most explicit kind first', () => {
    const env = {
      ...admin,
      GOOGLE_APPLICATION_CREDENTIALS: '/k.json',
      GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29',
      ASSAY_SPREADSHEET_ID: 'sheet',
    };
    expect(resolve({}, env).source).toEqual({
      kind: 'google',
      spreadsheetId: 'sheet',
      credentials: { variable: 'GOOGLE_OAUTH_ACCESS_TOKEN', accessToken: 'ya29' },
      apiRoot: undefined,
      status: true,
    });
    expect(resolve({ source: 'file' }, env).source.kind).toBe('file');
    expect(resolve({ dir: 'exports' }, env).source).toEqual({ kind: 'file', dir: 'exports' });
    expect(message({ source: 'google', dir: 'exports' }, env)).toBe(
      '--dir reads a folder of CSV files, which --source google does not: drop one of the two.',
    );
  });

  it('names what to set when the Google source lacks something', () => {
    expect(message({ spreadsheet: '1AbC' }, admin)).toMatch(/^The Google source needs credentials/);
    const google = { ...admin, GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29', ASSAY_SPREADSHEET_ID: 'sheet' };
    expect(message({}, { ...google, ASSAY_GOOGLE_API_ROOT: 'https://gateway.example/sheets' })).toBe(
      'ASSAY_GOOGLE_API_ROOT must be an origin (scheme, host, port, no path), like https://sheets.googleapis.com.',
    );
    expect(
      resolve({}, { ...google, ASSAY_GOOGLE_API_ROOT: 'https://gateway.example/' }).source,
    ).toMatchObject({
      apiRoot: 'https://gateway.example/',
    });
    expect(message({ source: 'google' }, admin)).toMatch(
      /GOOGLE_APPLICATION_CREDENTIALS .*GOOGLE_SERVICE_ACCOUNT_KEY .*GOOGLE_OAUTH_ACCESS_TOKEN/,
    );
    expect(message({}, { ...admin, GOOGLE_SERVICE_ACCOUNT_KEY: '{…}' })).toContain(
      'Google credentials are set (GOOGLE_SERVICE_ACCOUNT_KEY) but no spreadsheet: set ASSAY_SPREADSHEET_ID',
    );
  });

  it('rejects unknown datasets, listing the catalogue', () => {
    expect(message({ datasets: ['nope'] }, admin)).toMatch(
      /^Unknown dataset "nope"; the catalogue has production, /,
    );
    expect(message({ datasets: ['prodution'] }, admin)).toMatch(
      /^Unknown dataset "prodution"; did you mean "production"\? the catalogue has production, /,
    );
    expect(resolve({ datasets: ['elements'] }, admin).datasets.map((d) => d.id)).toEqual(['elements']);
  });

  it('takes the local token from .dev.vars for a local target only', () => {
    const devVars = { ADMIN_TOKEN: 'local:from-dev-vars' };
    expect(resolve({}, {}, devVars).target?.token).toBe('from-dev-vars');
    expect(message({ target: 'https://assay.example' }, {}, devVars)).toBe(
      'No admin token: set ADMIN_TOKEN to a token the Worker accepts.',
    );
    expect(message({}, {})).toContain('run `npm start` once');
  });

  it('refuses a token setting that holds no token, naming where it came from and not echoing it', () => {
    for (const value of ['sync:', ':secret-part', 'a:,b:'])
      expect(message({}, { ADMIN_TOKEN: value })).toBe(
        'ADMIN_TOKEN holds no token: write it as label:token (or the token alone).',
      );
    expect(message({}, {}, { ADMIN_TOKEN: 'local:' })).toBe(
      'ADMIN_TOKEN in .dev.vars holds no token: write it as label:token (or the token alone).',
    );
    expect(message({}, { ADMIN_TOKEN: '   ' })).toContain('No admin token');
  });

  it('refuses a spreadsheet that is not an id, naming the setting (a pasted URL, say)', () => {
    const google = { ...admin, GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29' };
    const url = 'https://docs.google.com/spreadsheets/d/1AbC/edit#gid=0';
    expect(message({}, { ...google, ASSAY_SPREADSHEET_ID: url })).toBe(
      `ASSAY_SPREADSHEET_ID must be a spreadsheet id, the part of its URL between /d/ and /edit (letters, digits, - and _); got "${url}".`,
    );
    expect(message({ spreadsheet: '"1AbC"' }, google)).toMatch(/^--spreadsheet must be a spreadsheet id/);
    expect(resolve({ spreadsheet: ' 1AbC-x_9 ' }, google).source).toMatchObject({
      spreadsheetId: '1AbC-x_9',
    });
  });

  it('needs no target or token for a dry run', () => {
    expect(resolve({ dryRun: true }, {}).target).toBeNull();
  });

  it('rejects a target that is not an http(s) URL, naming the setting it came from', () => {
    expect(message({ target: 'ftp://x' }, admin)).toContain('--target must be an http(s) URL');
    expect(message({}, { ...admin, ASSAY_TARGET_URL: 'assay.example' })).toBe(
      'ASSAY_TARGET_URL must be an http(s) URL, like http://127.0.0.1:8787; got "assay.example".',
    );
  });

  it('publishes to the PORT npm start listens on, and says so when PORT is not a port', () => {
    expect(resolve({}, { ...admin, PORT: '8790' }).target?.url).toBe('http://127.0.0.1:8790');
    expect(resolve({}, { ...admin, PORT: '80' }).target?.url).toBe('http://127.0.0.1');
    for (const port of ['abc', '8787/x', '70000', '0'])
      expect(message({}, { ...admin, PORT: port })).toBe(
        `PORT must be a whole number from 1 to 65535; got "${port}".`,
      );
    expect(resolve({ target: 'https://assay.example' }, { ...admin, PORT: 'abc' }).target?.url).toBe(
      'https://assay.example',
    );
  });

  it("sends the token part of label:token: the first pair's, as the Worker reads the same value", () => {
    expect(clientToken('sync:abc,old:def')).toBe('abc');
    expect(clientToken(' sync : abc , old:def')).toBe('abc');
    expect(clientToken('bare')).toBe('bare');
    expect(clientToken(' bare ')).toBe('bare');
    // A pair the Worker ignores (no label, no token) is not sent either.
    expect(clientToken(':nolabel,sync:abc')).toBe('abc');
    expect(clientToken('sync:')).toBe('');
    for (const value of ['sync:abc', 'a:1,b:2', ' x : y:z ', 'old:,new:t'])
      expect(parseAdminTokens(value)[0]?.token).toBe(clientToken(value));
  });
});
