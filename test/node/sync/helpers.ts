import { join } from 'node:path';
import type { SyncOptions } from '../../../scripts/sync/options.ts';
import { runSync } from '../../../scripts/sync/run.ts';
import type { FakeSheets } from '../support/fake-sheets.ts';
import type { TestWorker } from '../support/worker.ts';

/** A .dev.vars that does not exist, so no developer's local token is ever picked up. */
export const noDevVars = join(import.meta.dirname, 'no-such-dir/.dev.vars');

/** Retry budget for tests that exercise failures: long enough for a few quick retries, short to wait out. */
export const testRetryBudgetMs = 1_500;

/**
 * Retry budget for runs expected to succeed: a Worker that just started, on a machine running other
 * suites, can take more than a second for its first publishes (each attempt's timeout is at least 1 s
 * and at most the budget left), and a happy path must not fail on that. Failure tests pass their own.
 */
const happyRetryBudgetMs = 20_000;

export function googleEnv(fake: FakeSheets, worker: TestWorker): Record<string, string> {
  return {
    GOOGLE_OAUTH_ACCESS_TOKEN: fake.token,
    ASSAY_SPREADSHEET_ID: fake.spreadsheetId,
    ASSAY_GOOGLE_API_ROOT: fake.url,
    ADMIN_TOKEN: worker.adminToken,
  };
}

export function syncGoogle(
  fake: FakeSheets,
  worker: TestWorker,
  options: SyncOptions = {},
  env: Record<string, string> = {},
) {
  return runSync(
    { target: worker.url, retryBudgetMs: happyRetryBudgetMs, ...options },
    { env: { ...googleEnv(fake, worker), ...env }, devVarsPath: noDevVars },
  );
}

export function syncFiles(worker: TestWorker, options: SyncOptions = {}, env: Record<string, string> = {}) {
  return runSync(
    { target: worker.url, retryBudgetMs: happyRetryBudgetMs, ...options },
    { env: { ADMIN_TOKEN: worker.adminToken, ...env }, devVarsPath: noDevVars },
  );
}

export interface Served {
  version: number;
  data: Record<string, unknown>[];
}

/** The latest version a reader gets, or null before the first publish. */
export async function served(worker: TestWorker, dataset: string): Promise<Served | null> {
  const response = await fetch(`${worker.url}/v1/datasets/${dataset}`);
  if (response.status === 404) return null;
  return (await response.json()) as Served;
}

export async function changesOf(worker: TestWorker, dataset: string, version: number) {
  const response = await fetch(`${worker.url}/v1/datasets/${dataset}/versions/${version}/changes`);
  return (await response.json()) as Record<string, unknown>;
}
