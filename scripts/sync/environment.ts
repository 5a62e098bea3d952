import { z } from 'zod';

/** A blank value is unset: CI systems pass a secret that was never set as an empty string. */
const variable = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

/**
 * Every environment variable the sync reads (npm start reads PORT too): the one list that
 * --help and the README are held to. Values are checked where their meaning depends on the run
 * (PORT only names the target when no --target is given, the Google variables only matter for the
 * Google source), each message naming the variable.
 */
export const syncEnvironment = z.object({
  ADMIN_TOKEN: variable,
  ASSAY_TARGET_URL: variable,
  PORT: variable,
  GOOGLE_APPLICATION_CREDENTIALS: variable,
  GOOGLE_SERVICE_ACCOUNT_KEY: variable,
  GOOGLE_OAUTH_ACCESS_TOKEN: variable,
  ASSAY_SPREADSHEET_ID: variable,
  ASSAY_GOOGLE_API_ROOT: variable,
});

export type SyncEnvironment = z.infer<typeof syncEnvironment>;
