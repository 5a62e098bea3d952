import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Reads `NAME=value` lines (wrangler's .dev.vars format); quotes around a value are dropped. */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1]) vars[match[1]] = (match[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}

/** The tokens `npm start` makes for the local Worker, and the label each is recorded under. */
const localTokens = [
  { name: 'ADMIN_TOKEN', label: 'local', what: 'an admin token' },
  { name: 'PUBLISH_TOKEN', label: 'editors', what: 'a publish token' },
] as const;

/**
 * Makes sure the local Worker has an admin token and a publish token (for the sheet add-on): a newcomer
 * should not have to invent them. Each missing one is written to the gitignored .dev.vars only, never
 * printed; `created` says which were, in words (`an admin token`).
 */
export function ensureLocalTokens(path: string): { created: string[] } {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const present = parseDevVars(text);
  const missing = localTokens.filter(({ name }) => !present[name]);
  if (missing.length === 0) return { created: [] };
  const lines = missing.map(
    ({ name, label }) => `${name}=${label}:${randomBytes(24).toString('base64url')}\n`,
  );
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  writeFileSync(
    path,
    `${text}${separator}# Written by npm start for the local Worker only.\n${lines.join('')}`,
    {
      mode: 0o600,
    },
  );
  return { created: missing.map(({ what }) => what) };
}
