export interface AdminToken {
  label: string;
  token: string;
}

/**
 * What a token may do. `admin` (ADMIN_TOKEN): everything. `publish` (PUBLISH_TOKEN, for editors and the
 * add-on): publish rows, but neither pass the shrink guard (`force`) nor roll back, the two acts that
 * can take rows away from readers at once.
 */
export type TokenScope = 'admin' | 'publish';

export interface ScopedToken extends AdminToken {
  scope: TokenScope;
}

/**
 * `ADMIN_TOKEN` (and `PUBLISH_TOKEN`) holds comma-separated `label:token` pairs, so a new token can go live before the old
 * one is removed, and every version records which label published it. A pair without a label or a
 * token is ignored rather than guessed at: a malformed secret must not grant access.
 */
export function parseAdminTokens(value: string | undefined): AdminToken[] {
  if (!value) return [];
  return value.split(',').flatMap((pair) => {
    const colon = pair.indexOf(':');
    if (colon < 0) return [];
    const label = pair.slice(0, colon).trim();
    const token = pair.slice(colon + 1).trim();
    return label && token ? [{ label, token }] : [];
  });
}

/** The token of an `Authorization: Bearer <token>` header; empty when the header is absent or another scheme. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? '';
}
