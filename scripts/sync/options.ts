import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { datasets as catalogue } from '../../src/datasets/registry.ts';
import type { DatasetDefinition } from '../../src/datasets/types.ts';
import { parseAdminTokens } from '../../src/http/admin-tokens.ts';
import { defaultPort, localOrigin, parsePort, portMessage } from '../local/port.ts';
import { blockedPortAdvice, fetchBlocksPort } from '../net/blocked-ports.ts';
import { isLoopback } from '../net/loopback.ts';
import { parseDuration } from './duration.ts';
import { defaultRetryPolicy, type RetryPolicy, retryPolicyWithin } from './retry.ts';

/** What `runSync` accepts: every field optional, the rest comes from the environment and defaults. */
export interface SyncOptions {
  source?: 'google' | 'file';
  dir?: string;
  spreadsheet?: string;
  target?: string;
  datasets?: readonly string[];
  dryRun?: boolean;
  force?: boolean;
  /** Write the Google source's status tab (default true). */
  status?: boolean;
  retryBudgetMs?: number;
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string }
  | { kind: 'run'; options: SyncOptions; json: boolean; watchIntervalMs: number | null };

export type GoogleCredentials =
  | { variable: 'GOOGLE_OAUTH_ACCESS_TOKEN'; accessToken: string }
  | { variable: 'GOOGLE_SERVICE_ACCOUNT_KEY'; keyJson: string }
  | { variable: 'GOOGLE_APPLICATION_CREDENTIALS'; keyFile: string };

export type SourceConfig =
  | { kind: 'file'; dir: string }
  | {
      kind: 'google';
      spreadsheetId: string;
      credentials: GoogleCredentials;
      /** Another API origin (a proxy or the tests' fake); undefined for Google's own. */
      apiRoot: string | undefined;
      status: boolean;
    };

export interface SyncConfig {
  source: SourceConfig;
  /** Null in a dry run: nothing is sent anywhere. */
  target: { url: string; token: string } | null;
  datasets: readonly DatasetDefinition[];
  force: boolean;
  retry: RetryPolicy;
}

type Env = Readonly<Record<string, string | undefined>>;

export const defaultTarget = localOrigin(defaultPort);
export const defaultFixtureDir = join(import.meta.dirname, '../../fixtures');
const defaultIntervalMs = 5 * 60_000;

/** argv (without node and the script) → what to do, or a usage error that says what is wrong. */
export function parseCli(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseCliStrict>;
  try {
    parsed = parseCliStrict(argv);
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
  const { values } = parsed;
  if (values.help) return { kind: 'help' };

  const source = values.source;
  if (source !== undefined && source !== 'google' && source !== 'file')
    return { kind: 'usage-error', message: `--source must be google or file, not "${source}".` };
  if (values.dir !== undefined && values.dir.trim() === '')
    return { kind: 'usage-error', message: '--dir takes a folder, like --dir fixtures.' };
  if (values.interval !== undefined && !values.watch)
    return { kind: 'usage-error', message: '--interval only applies with --watch.' };

  const interval = values.interval === undefined ? defaultIntervalMs : parseDuration(values.interval);
  if (interval === undefined || interval < 1_000)
    return { kind: 'usage-error', message: '--interval takes a duration of at least 1s, like 30s or 5m.' };
  const budget = values['retry-budget'] === undefined ? undefined : parseDuration(values['retry-budget']);
  if (values['retry-budget'] !== undefined && (budget === undefined || budget <= 0))
    return { kind: 'usage-error', message: '--retry-budget takes a duration, like 60s or 2m.' };

  const options: SyncOptions = {
    ...(source ? { source } : {}),
    ...(values.dir !== undefined ? { dir: values.dir } : {}),
    ...(values.spreadsheet !== undefined ? { spreadsheet: values.spreadsheet } : {}),
    ...(values.target !== undefined ? { target: values.target } : {}),
    ...(values.dataset ? { datasets: values.dataset } : {}),
    dryRun: values['dry-run'] ?? false,
    force: values.force ?? false,
    status: values.status ?? true,
    ...(budget !== undefined ? { retryBudgetMs: budget } : {}),
  };
  return {
    kind: 'run',
    options,
    json: values.json ?? false,
    watchIntervalMs: values.watch ? interval : null,
  };
}

function parseCliStrict(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    allowNegative: true,
    options: {
      source: { type: 'string' },
      dir: { type: 'string' },
      spreadsheet: { type: 'string' },
      target: { type: 'string' },
      dataset: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      force: { type: 'boolean' },
      status: { type: 'boolean' },
      watch: { type: 'boolean' },
      interval: { type: 'string' },
      'retry-budget': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const set = (env: Env, name: string) => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

/** The first credential the environment holds, the most explicit kind first. */
export function googleCredentials(env: Env): GoogleCredentials | undefined {
  const accessToken = set(env, 'GOOGLE_OAUTH_ACCESS_TOKEN');
  if (accessToken) return { variable: 'GOOGLE_OAUTH_ACCESS_TOKEN', accessToken };
  const keyJson = set(env, 'GOOGLE_SERVICE_ACCOUNT_KEY');
  if (keyJson) return { variable: 'GOOGLE_SERVICE_ACCOUNT_KEY', keyJson };
  const keyFile = set(env, 'GOOGLE_APPLICATION_CREDENTIALS');
  if (keyFile) return { variable: 'GOOGLE_APPLICATION_CREDENTIALS', keyFile };
  return undefined;
}

/**
 * What the sync sends of ADMIN_TOKEN: the first pair's token, read as the Worker reads the variable, so
 * the same value set on both sides always matches; a value with no `label:` is taken as the token alone.
 */
export function clientToken(value: string): string {
  if (!value.includes(':')) return value.trim();
  return parseAdminTokens(value)[0]?.token ?? '';
}

/** The Worker to publish to and the setting that named it, so a bad value's message names what to fix. */
function targetSetting(options: SyncOptions, env: Env): [string, string] {
  if (options.target !== undefined) return ['--target', options.target];
  const fromEnv = set(env, 'ASSAY_TARGET_URL');
  if (fromEnv) return ['ASSAY_TARGET_URL', fromEnv];
  // Where `npm start` listens: its PORT, like the Worker it started.
  const port = set(env, 'PORT');
  return port ? ['PORT', localOrigin(port)] : ['--target', defaultTarget];
}

/**
 * A folder or a spreadsheet on the command line says which workbook is meant, whatever credentials
 * are (or are not) set; otherwise credentials mean Google, and none the fixture workbook.
 */
function sourceKind(options: SyncOptions, hasCredentials: boolean): 'google' | 'file' {
  if (options.source) return options.source;
  if (options.dir !== undefined) return 'file';
  return options.spreadsheet !== undefined || hasCredentials ? 'google' : 'file';
}

export type Resolved = { ok: true; config: SyncConfig } | { ok: false; message: string };

const fail = (message: string): Resolved => ({ ok: false, message });

/**
 * Options + environment (+ the local .dev.vars, already read) → a complete configuration, or the
 * one thing a person must change. Pure, so every rule here is tested without a process.
 */
export function resolveConfig(
  options: SyncOptions,
  env: Env,
  devVars: Readonly<Record<string, string>> = {},
): Resolved {
  const wanted = options.datasets ?? [];
  const unknown = wanted.filter((id) => !catalogue.some((d) => d.id === id));
  if (unknown.length > 0)
    return fail(
      `Unknown dataset ${unknown.map((id) => `"${id}"`).join(', ')}; the catalogue has ${catalogue.map((d) => d.id).join(', ')}.`,
    );
  const datasets = wanted.length === 0 ? catalogue : catalogue.filter((d) => wanted.includes(d.id));

  const credentials = googleCredentials(env);
  const kind = sourceKind(options, credentials !== undefined);
  let source: SourceConfig;
  if (kind === 'file') {
    source = { kind: 'file', dir: options.dir ?? defaultFixtureDir };
  } else {
    if (options.dir !== undefined)
      return fail('--dir reads a folder of CSV files, which --source google does not: drop one of the two.');
    if (!credentials)
      return fail(
        'The Google source needs credentials: set GOOGLE_APPLICATION_CREDENTIALS (a key file), ' +
          'GOOGLE_SERVICE_ACCOUNT_KEY (the key JSON) or GOOGLE_OAUTH_ACCESS_TOKEN. Or use --source file.',
      );
    const spreadsheetId = options.spreadsheet ?? set(env, 'ASSAY_SPREADSHEET_ID');
    if (!spreadsheetId)
      return fail(
        `Google credentials are set (${credentials.variable}) but no spreadsheet: set ASSAY_SPREADSHEET_ID ` +
          'or pass --spreadsheet ID, or use --source file for the CSV workbook.',
      );
    const apiRoot = set(env, 'ASSAY_GOOGLE_API_ROOT');
    // googleapis resolves its paths against the root's origin, so a path there would be dropped silently.
    if (apiRoot !== undefined && (!URL.canParse(apiRoot) || new URL(apiRoot).pathname !== '/'))
      return fail(
        'ASSAY_GOOGLE_API_ROOT must be an origin (scheme, host, port, no path), like https://sheets.googleapis.com.',
      );
    source = { kind: 'google', spreadsheetId, credentials, apiRoot, status: options.status ?? true };
  }

  const base = {
    source,
    datasets,
    force: options.force ?? false,
    retry:
      options.retryBudgetMs === undefined ? defaultRetryPolicy : retryPolicyWithin(options.retryBudgetMs),
  };
  if (options.dryRun) return { ok: true, config: { ...base, target: null } };

  const [targetFrom, targetText] = targetSetting(options, env);
  const url = URL.canParse(targetText) ? new URL(targetText) : undefined;
  const port = set(env, 'PORT') ?? '';
  if (targetFrom === 'PORT' && parsePort(port) === undefined) return fail(portMessage(port));
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return fail(`${targetFrom} must be an http(s) URL, like ${defaultTarget}; got "${targetText}".`);
  if (fetchBlocksPort(Number(url.port)))
    return fail(`${targetFrom} ${url.origin} cannot be used: ${blockedPortAdvice}.`);
  // The .dev.vars token belongs to the local Worker: never send it anywhere else.
  const tokenText = set(env, 'ADMIN_TOKEN') ?? (isLoopback(url) ? devVars.ADMIN_TOKEN : undefined);
  const token = tokenText ? clientToken(tokenText) : '';
  if (!token)
    return fail(
      isLoopback(url)
        ? 'No admin token: set ADMIN_TOKEN, or run `npm start` once, which writes a local one to .dev.vars.'
        : 'No admin token: set ADMIN_TOKEN to a token the Worker accepts.',
    );
  return {
    ok: true,
    config: { ...base, target: { url: url.origin + url.pathname.replace(/\/+$/, ''), token } },
  };
}
