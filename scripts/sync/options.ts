import { join } from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { z } from 'zod';
import { clipped } from '../../src/datasets/cell.ts';
import { closestName } from '../../src/datasets/closest-name.ts';
import { datasets as catalogue } from '../../src/datasets/registry.ts';
import type { DatasetDefinition } from '../../src/datasets/types.ts';
import { parseAdminTokens } from '../../src/http/admin-tokens.ts';
import { defaultPort, localOrigin, parsePort, portMessage } from '../local/port.ts';
import { blockedPortAdvice, fetchBlocksPort } from '../net/blocked-ports.ts';
import { isLoopback } from '../net/loopback.ts';
import { parseDuration } from './duration.ts';
import { type SyncEnvironment, syncEnvironment } from './environment.ts';
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

const defaultTarget = localOrigin(defaultPort);
export const defaultFixtureDir = join(import.meta.dirname, '../../fixtures');
const defaultIntervalMs = 5 * 60_000;

/**
 * The CLI's options as node:util's parseArgs reads them: the one list the parser, --help and the README
 * are held to (a test fails when one of these is missing from either).
 */
export const cliOptions = {
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
} as const satisfies ParseArgsOptionsConfig;

/** Timers take at most 2^31 − 1 ms (24.8 days); past that Node fires them at once, so a day is the cap. */
const maxDurationMs = 24 * 3_600_000;

/** A duration option → milliseconds, or an issue that says what a good value looks like. */
const duration = (option: string, minMs: number, hint: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms !== undefined && ms >= minMs && ms <= maxDurationMs) return ms;
    ctx.addIssue({ code: 'custom', message: `${option} takes a duration ${hint}; got "${text}".` });
    return z.NEVER;
  });

/** What parseArgs returns, checked and converted; each issue's message names the option to fix. */
const cliValues = z.object({
  source: z
    .enum(['google', 'file'], {
      error: (issue) =>
        `--source must be google or file, not "${issue.input}"${didYouMean(String(issue.input), ['google', 'file'], (n) => n)}.`,
    })
    .optional(),
  dir: z
    .string()
    .refine((dir) => dir.trim() !== '', '--dir takes a folder, like --dir fixtures.')
    .optional(),
  spreadsheet: z.string().optional(),
  target: z.string().optional(),
  dataset: z.array(z.string()).optional(),
  'dry-run': z.boolean().default(false),
  json: z.boolean().default(false),
  force: z.boolean().default(false),
  status: z.boolean().default(true),
  watch: z.boolean().default(false),
  interval: duration('--interval', 1_000, 'from 1s to 24h, like 30s or 5m').optional(),
  'retry-budget': duration('--retry-budget', 1, 'up to 24h, like 60s or 2m').optional(),
});

/** `; did you mean "x"?` when one of `names` is near `given`, else nothing. */
const didYouMean = (given: string, names: readonly string[], quote = (name: string) => `"${name}"`) => {
  const near = closestName(given, names);
  return near === undefined ? '' : `; did you mean ${quote(near)}?`;
};

/** Every way an option can be written: `--dry-run`, `--no-status`, `-h`. */
const optionSpellings = Object.entries(cliOptions).flatMap(([name, option]) => [
  `--${name}`,
  ...(option.type === 'boolean' ? [`--no-${name}`] : []),
  ...('short' in option ? [`-${option.short}`] : []),
]);

/**
 * parseArgs's own message, with the option meant when an unknown one is a slip of it
 * (`--froce`: did you mean --force?).
 */
function argsError(error: unknown): string {
  const message = (error as Error).message;
  const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
  if (unknown === undefined) return message;
  const near = closestName(unknown, optionSpellings);
  return near === undefined
    ? `Unknown option '${unknown}'; see --help for the options.`
    : `Unknown option '${unknown}'; did you mean ${near}?`;
}

const readArgs = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    allowNegative: true,
    options: cliOptions,
  }).values;

/** argv (without node and the script) → what to do, or a usage error that says what is wrong. */
export function parseCli(argv: readonly string[]): CliCommand {
  let raw: ReturnType<typeof readArgs>;
  try {
    raw = readArgs(argv);
  } catch (error) {
    return { kind: 'usage-error', message: argsError(error) };
  }
  if (raw.help) return { kind: 'help' };
  const parsed = cliValues.safeParse(raw);
  if (!parsed.success) return { kind: 'usage-error', message: parsed.error.issues[0]?.message ?? '' };
  const values = parsed.data;
  if (values.interval !== undefined && !values.watch)
    return { kind: 'usage-error', message: '--interval only applies with --watch.' };

  const options: SyncOptions = {
    ...(values.source ? { source: values.source } : {}),
    ...(values.dir !== undefined ? { dir: values.dir } : {}),
    ...(values.spreadsheet !== undefined ? { spreadsheet: values.spreadsheet } : {}),
    ...(values.target !== undefined ? { target: values.target } : {}),
    ...(values.dataset ? { datasets: values.dataset } : {}),
    dryRun: values['dry-run'],
    force: values.force,
    status: values.status,
    ...(values['retry-budget'] !== undefined ? { retryBudgetMs: values['retry-budget'] } : {}),
  };
  return {
    kind: 'run',
    options,
    json: values.json,
    watchIntervalMs: values.watch ? (values.interval ?? defaultIntervalMs) : null,
  };
}

/** The first credential the environment holds, the most explicit kind first. */
function googleCredentials(env: SyncEnvironment): GoogleCredentials | undefined {
  const accessToken = env.GOOGLE_OAUTH_ACCESS_TOKEN;
  if (accessToken) return { variable: 'GOOGLE_OAUTH_ACCESS_TOKEN', accessToken };
  const keyJson = env.GOOGLE_SERVICE_ACCOUNT_KEY;
  if (keyJson) return { variable: 'GOOGLE_SERVICE_ACCOUNT_KEY', keyJson };
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
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
function targetSetting(options: SyncOptions, env: SyncEnvironment): [string, string] {
  if (options.target !== undefined) return ['--target', options.target];
  if (env.ASSAY_TARGET_URL) return ['ASSAY_TARGET_URL', env.ASSAY_TARGET_URL];
  // Where `npm start` listens: its PORT, like the Worker it started.
  return env.PORT ? ['PORT', localOrigin(env.PORT)] : ['--target', defaultTarget];
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
  environment: Env,
  devVars: Readonly<Record<string, string>> = {},
): Resolved {
  const env = syncEnvironment.parse(environment);
  const wanted = options.datasets ?? [];
  const unknown = wanted.filter((id) => !catalogue.some((d) => d.id === id));
  const ids = catalogue.map((d) => d.id);
  const [first] = unknown;
  if (first !== undefined) {
    const near = unknown.length === 1 ? closestName(first, ids) : undefined;
    return fail(
      `Unknown dataset ${unknown.map((id) => `"${id}"`).join(', ')}; ${near ? `did you mean "${near}"? ` : ''}` +
        `the catalogue has ${ids.join(', ')}.`,
    );
  }
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
    const [spreadsheetFrom, spreadsheetId] =
      options.spreadsheet !== undefined
        ? ['--spreadsheet', options.spreadsheet.trim()]
        : ['ASSAY_SPREADSHEET_ID', env.ASSAY_SPREADSHEET_ID];
    if (!spreadsheetId)
      return fail(
        `Google credentials are set (${credentials.variable}) but no spreadsheet: set ASSAY_SPREADSHEET_ID ` +
          'or pass --spreadsheet ID, or use --source file for the CSV workbook.',
      );
    // A pasted URL or a stray quote would otherwise be sent to Google, which answers a puzzling 404.
    if (!/^[\w-]+$/.test(spreadsheetId))
      return fail(
        `${spreadsheetFrom} must be a spreadsheet id, the part of its URL between /d/ and /edit (letters, digits, - and _); got "${clipped(spreadsheetId)}".`,
      );
    const apiRoot = env.ASSAY_GOOGLE_API_ROOT;
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
  const port = env.PORT ?? '';
  if (targetFrom === 'PORT' && parsePort(port) === undefined) return fail(portMessage(port));
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return fail(`${targetFrom} must be an http(s) URL, like ${defaultTarget}; got "${targetText}".`);
  if (fetchBlocksPort(Number(url.port)))
    return fail(`${targetFrom} ${url.origin} cannot be used: ${blockedPortAdvice}.`);
  // The .dev.vars token belongs to the local Worker: never send it anywhere else.
  const [tokenFrom, tokenText] = env.ADMIN_TOKEN
    ? ['ADMIN_TOKEN', env.ADMIN_TOKEN]
    : ['ADMIN_TOKEN in .dev.vars', isLoopback(url) ? devVars.ADMIN_TOKEN?.trim() : undefined];
  const token = tokenText ? clientToken(tokenText) : '';
  // Set, but no pair the Worker would accept: say so rather than "no admin token". Never echo it.
  if (tokenText && !token)
    return fail(`${tokenFrom} holds no token: write it as label:token (or the token alone).`);
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
