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

/**
 * Makes sure the local Worker has an admin token: a newcomer should not have to invent one. The
 * token is written to the gitignored .dev.vars only, never printed.
 */
export function ensureLocalAdminToken(path: string): { created: boolean } {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (parseDevVars(text).ADMIN_TOKEN) return { created: false };
  const token = `local:${randomBytes(24).toString('base64url')}`;
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  writeFileSync(
    path,
    `${text}${separator}# Written by npm start for the local Worker only.\nADMIN_TOKEN=${token}\n`,
    {
      mode: 0o600,
    },
  );
  return { created: true };
}
