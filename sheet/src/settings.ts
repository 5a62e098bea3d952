/** Where the add-on publishes, as stored in the script's properties (never in a cell). */
export interface Settings {
  url: string;
  token: string;
}

export const settingKeys = { url: 'ASSAY_URL', token: 'ASSAY_TOKEN' } as const;

/**
 * The Worker's origin (and any path it is mounted under) without a trailing slash. Apps Script has no
 * URL class, hence the pattern. Plain http only for this machine: Google's servers cannot reach it,
 * but the add-on's tests and a local `npm start` can.
 */
export function workerUrl(text: string): string | { error: string } {
  const url = text.trim().replace(/\/+$/, '');
  if (/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s?#]*)?$/i.test(url)) return url;
  if (/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/[^\s?#]*)?$/i.test(url)) return url;
  return {
    error:
      'The Worker URL must start with https:// and name the Worker, like https://assay.example.workers.dev.',
  };
}

/**
 * The token part of what was pasted: Assay's tokens are configured as `label:token` pairs, and an
 * editor may paste the pair or the token alone; either way only the token is sent.
 */
export function publishToken(text: string): string | { error: string } {
  const trimmed = text.trim();
  const token = trimmed.slice(trimmed.indexOf(':') + 1);
  if (/^[\x21-\x7e]{8,}$/.test(token)) return token;
  return {
    error:
      'The token should be the long code your Assay administrator gave you (at least 8 characters, no spaces).',
  };
}

/** The token as Settings shows it: enough to tell two tokens apart, never enough to use one. */
export function maskedToken(token: string): string {
  return token.length >= 16 ? `••••••••${token.slice(-4)}` : '••••••••';
}
