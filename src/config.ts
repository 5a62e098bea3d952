import { z } from 'zod';
import { parseAdminTokens, type ScopedToken, type TokenScope } from './http/admin-tokens.ts';

/**
 * The Worker's bindings and variables, checked once per environment: a value that is set but unusable
 * is refused with its name, never replaced by a default (`RETENTION="5O"` once meant 50 silently).
 */
const wholeNumber = (name: string, fallback: number, meaning: string) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fallback;
      const n = Number(text);
      if (text.trim() !== '' && Number.isSafeInteger(n) && n > 0) return n;
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a whole number of at least 1 (${meaning}); got ${JSON.stringify(text.slice(0, 40))}.`,
      });
      return z.NEVER;
    });

/**
 * A secret of `label:token` pairs: its value is never quoted back, only whether its pairs can be read.
 * Either secret may be unset; with neither, the admin API answers every request 401 while reads go on.
 */
const tokenList = (name: string, scope: TokenScope, example: string) =>
  z
    .string()
    .optional()
    .transform((text, ctx): ScopedToken[] => {
      const tokens = parseAdminTokens(text);
      if (text !== undefined && text.trim() !== '' && tokens.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} holds no \`label:token\` pair; set it to comma-separated pairs like ${example}:<token>.`,
        });
      }
      return tokens.map((token) => ({ ...token, scope }));
    });

const binding = (name: string, kind: string, method: string) =>
  z.custom<unknown>((value) => typeof (value as Record<string, unknown> | null)?.[method] === 'function', {
    message: `${name} must be bound to a ${kind} (wrangler.toml); it is missing or of another kind.`,
  });

export const ConfigSchema = z.object({
  DATASETS: binding('DATASETS', 'KV namespace', 'get'),
  DATASET_WRITER: binding('DATASET_WRITER', 'Durable Object namespace', 'getByName'),
  LIVE_HUB: binding('LIVE_HUB', 'Durable Object namespace', 'getByName'),
  ADMIN_TOKEN: tokenList('ADMIN_TOKEN', 'admin', 'sync'),
  PUBLISH_TOKEN: tokenList('PUBLISH_TOKEN', 'publish', 'editors'),
  RETENTION: wholeNumber('RETENTION', 50, 'how many newest versions keep their rows'),
  MAX_BODY_BYTES: wholeNumber('MAX_BODY_BYTES', 32 * 1024 * 1024, 'the largest admin request body in bytes'),
  MAX_PUBLISH_ROWS: wholeNumber('MAX_PUBLISH_ROWS', 1_000_000, 'the most rows one NDJSON publish may send'),
});

export interface Config {
  /** Every token the admin API accepts, ADMIN_TOKEN's and PUBLISH_TOKEN's, each with its scope. */
  tokens: ScopedToken[];
  /** How many of the newest versions keep their rows; older ones keep only their metadata. */
  retention: number;
  maxBodyBytes: number;
  /** The most rows a publish streamed as NDJSON may send (its body has no byte limit). */
  maxPublishRows: number;
}

export class ConfigError extends Error {
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(message);
    this.setting = setting;
  }
}

/** The configuration, or a ConfigError naming the first setting to fix. */
export function parseConfig(env: Record<string, unknown>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'configuration'), issue?.message ?? 'is not valid');
  }
  const { ADMIN_TOKEN, PUBLISH_TOKEN, RETENTION, MAX_BODY_BYTES, MAX_PUBLISH_ROWS } = parsed.data;
  // One token, one scope: the same token in both secrets is a mistake, and guessing a scope for it is not safe.
  const admin = new Set(ADMIN_TOKEN.map((t) => t.token));
  if (PUBLISH_TOKEN.some((t) => admin.has(t.token)))
    throw new ConfigError(
      'PUBLISH_TOKEN',
      'PUBLISH_TOKEN repeats a token of ADMIN_TOKEN; give each secret tokens of its own.',
    );
  return {
    tokens: [...ADMIN_TOKEN, ...PUBLISH_TOKEN],
    retention: RETENTION,
    maxBodyBytes: MAX_BODY_BYTES,
    maxPublishRows: MAX_PUBLISH_ROWS,
  };
}
