import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { JWT, OAuth2Client } from 'google-auth-library';
import { configError } from '../errors.ts';
import type { GoogleCredentials } from '../options.ts';

/** Reading the sheet and writing its status tab; `--no-status` asks for read-only. */
export function sheetsScopes(writeStatus: boolean): string[] {
  return [`https://www.googleapis.com/auth/spreadsheets${writeStatus ? '' : '.readonly'}`];
}

/** How the sign-in's own requests (the token exchange) are sent: retried like the Sheets calls. */
export type SignInTransport = NonNullable<ConstructorParameters<typeof JWT>[0]>['transporterOptions'];

function serviceAccount(
  json: string,
  variable: string,
  scopes: string[],
  transporterOptions: SignInTransport,
): JWT {
  let key: { client_email?: unknown; private_key?: unknown; private_key_id?: unknown };
  try {
    key = JSON.parse(json);
  } catch {
    key = {};
  }
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string')
    throw configError(
      `${variable} does not hold a service-account JSON key (with client_email and private_key); ` +
        'create one in the Google Cloud console under the service account\'s "Keys".',
    );
  try {
    createPrivateKey(key.private_key);
  } catch {
    // Found now rather than as a signing error inside the first request, which reads like a network fault.
    throw configError(
      `The private_key in ${variable} is not a readable PEM private key; download a new JSON key for the service account.`,
    );
  }
  return new JWT({
    email: key.client_email,
    key: key.private_key,
    ...(typeof key.private_key_id === 'string' ? { keyId: key.private_key_id } : {}),
    scopes,
    transporterOptions,
  });
}

/**
 * An auth client from whichever credential is set. Errors name the variable to fix and never its
 * content: a key or token must not reach a CI log.
 */
export async function googleAuth(
  credentials: GoogleCredentials,
  scopes: string[],
  transport: SignInTransport,
): Promise<OAuth2Client> {
  switch (credentials.variable) {
    case 'GOOGLE_OAUTH_ACCESS_TOKEN': {
      const client = new OAuth2Client();
      client.setCredentials({ access_token: credentials.accessToken });
      return client;
    }
    case 'GOOGLE_SERVICE_ACCOUNT_KEY':
      return serviceAccount(credentials.keyJson, credentials.variable, scopes, transport);
    case 'GOOGLE_APPLICATION_CREDENTIALS': {
      const json = await readFile(credentials.keyFile, 'utf8').catch(() => {
        throw configError(
          'GOOGLE_APPLICATION_CREDENTIALS names a file that cannot be read; point it at the service-account JSON key file.',
        );
      });
      return serviceAccount(json, credentials.variable, scopes, transport);
    }
  }
}
