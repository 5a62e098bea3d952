import { generateKeyPairSync } from 'node:crypto';
import type { JWT } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { googleRetryConfig, retryPolicyWithin } from '../retry.ts';
import { googleAuth, sheetsScopes } from './google-auth.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyJson = JSON.stringify({
  client_email: 'sync@project.iam.gserviceaccount.com',
  private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
});

describe('googleAuth', () => {
  it("gives a service account's token exchange the sync's retry settings, not the library's", async () => {
    // The token endpoint is fixed in google-auth-library and unreachable here, so the settings it
    // sends with are what can be checked: the same budget-bound retries as the Sheets calls.
    const retryConfig = googleRetryConfig(retryPolicyWithin(3_000));
    const auth = (await googleAuth({ variable: 'GOOGLE_SERVICE_ACCOUNT_KEY', keyJson }, sheetsScopes(true), {
      retry: true,
      retryConfig,
      timeout: 3_000,
    })) as JWT;
    expect(auth.transporter.defaults).toMatchObject({ retry: true, retryConfig, timeout: 3_000 });
  });
});
