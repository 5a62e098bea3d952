import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { closestName } from '../../../src/datasets/closest-name.ts';
import { type TabCells, tabCells } from '../../../src/datasets/grid-cells.ts';
import { formatDuration } from '../duration.ts';
import { configError, SyncError, unavailable } from '../errors.ts';
import type { SourceConfig } from '../options.ts';
import { googleRetryConfig, type RetryPolicy } from '../retry.ts';
import type { StatusRow } from '../status-tab.ts';
import { googleAuth, sheetsScopes } from './google-auth.ts';
import { writeStatusTab } from './google-status-tab.ts';
import { isMissingTabError, quoteTab } from './sheets-ranges.ts';
import type { UnreadableTab, WorkbookSource } from './source.ts';
import { ambiguousTab, tabTitle } from './tab-names.ts';

type GoogleConfig = Extract<SourceConfig, { kind: 'google' }>;

export interface GoogleSource extends WorkbookSource {
  writeStatus(rows: StatusRow[]): Promise<void>;
}

/**
 * Why `spreadsheets.get` with grid data rather than `values.batchGet`: one request returns each cell's
 * typed value *and* its number format, so 0.7 shown as 70 % and a date serial are told apart from a
 * plain 0.7 or 45300 without guessing. batchGet would need two requests (UNFORMATTED_VALUE for the
 * numbers, FORMATTED_VALUE to spot the percent sign) and the formatted text follows the spreadsheet's
 * locale. The field mask keeps the response to values and number-format types, not the styling.
 */
const gridFields =
  'sheets(properties(title),data(startRow,startColumn,rowData(values(effectiveValue,formattedValue,effectiveFormat(numberFormat(type))))))';

interface HttpError {
  status?: number;
  code?: string | number;
  config?: { url?: string | URL };
  response?: { status?: number };
}

/** Google's answers → what a person does next, naming the variable and never echoing a credential. */
function failure(
  error: unknown,
  config: GoogleConfig,
  retry: { policy: RetryPolicy; startedAt: number },
  doing: string,
): SyncError {
  if (error instanceof SyncError) return error;
  const e = error as HttpError;
  const status = e.status ?? e.response?.status;
  const variable = config.credentials.variable;
  const tokenEndpoint = /oauth2|token/.test(String(e.config?.url ?? ''));
  if (status === 401 || (tokenEndpoint && status !== undefined && status < 500))
    return configError(`Google rejected the credentials in ${variable}; set it to valid credentials.`);
  if (status === 403)
    return configError(
      `The credentials in ${variable} may not ${doing}: share the spreadsheet with the service account's ` +
        'email (client_email in its key), as Editor so the sync can write the status tab, or pass --no-status.',
    );
  if (status === 404)
    return configError(
      'There is no spreadsheet with that id: check ASSAY_SPREADSHEET_ID (or --spreadsheet).',
    );
  if (status !== undefined && status < 500 && status !== 408 && status !== 429)
    return configError(`The Google Sheets API refused to ${doing} (HTTP ${status}).`);
  const what =
    status === undefined ? `could not be reached (${e.code ?? 'network error'})` : `answered ${status}`;
  // Shorter than the first wait: it failed at once, and saying "after retrying" would mislead.
  const waited = Date.now() - retry.startedAt;
  const retried =
    waited >= retry.policy.initialDelayMs ? `, still after retrying for ${formatDuration(waited)}` : '';
  // The sign-in runs before the Sheets call, against its own host: name the one that failed.
  const url = String(e.config?.url ?? '');
  const service = !tokenEndpoint
    ? 'The Google Sheets API'
    : `Google's sign-in service${URL.canParse(url) ? ` (${new URL(url).host})` : ''}`;
  return unavailable(`${service} ${what} while trying to ${doing}${retried}.`);
}

/** A spreadsheet read through the Sheets API: private is fine, once shared with the service account. */
export async function googleSource(config: GoogleConfig, policy: RetryPolicy): Promise<GoogleSource> {
  // One retry setting for the Sheets calls and the service account's token exchange alike.
  const transport = {
    retry: true,
    retryConfig: googleRetryConfig(policy),
    timeout: Math.min(30_000, policy.budgetMs),
  };
  const auth = await googleAuth(config.credentials, sheetsScopes(config.status), transport);
  const api: sheets_v4.Sheets = sheets({
    version: 'v4',
    auth,
    ...(config.apiRoot ? { rootUrl: `${new URL(config.apiRoot).origin}/` } : {}),
    ...transport,
  });
  const { spreadsheetId } = config;

  async function readGrid(tabs: readonly string[]): Promise<Map<string, TabCells>> {
    const response = await api.spreadsheets.get({
      spreadsheetId,
      ranges: tabs.map(quoteTab),
      includeGridData: true,
      fields: gridFields,
    });
    const read = new Map<string, TabCells>();
    for (const sheet of sheetsOf(response.data))
      if (sheet.properties?.title) read.set(sheet.properties.title, tabCells(sheet.data));
    return read;
  }

  /** After a missing tab failed the whole batch: the tabs that are there, under their own titles. */
  async function readFound(tabs: readonly string[], present: readonly string[]) {
    const found = tabs.flatMap((tab) => {
      const match = tabTitle(tab, present);
      return match && 'name' in match ? [match.name] : [];
    });
    return found.length === 0 ? new Map<string, TabCells>() : readGrid(found);
  }

  /** Only after a missing tab failed the whole batch: which tabs exist, to read those and report the rest. */
  async function titles(): Promise<string[]> {
    const response = await api.spreadsheets.get({ spreadsheetId, fields: 'sheets(properties(title))' });
    return sheetsOf(response.data).map((s) => s.properties?.title ?? '');
  }

  /** A spreadsheet always has a sheet: an answer without any is not from the Sheets API. */
  function sheetsOf(data: sheets_v4.Schema$Spreadsheet): sheets_v4.Schema$Sheet[] {
    if (Array.isArray(data.sheets)) return data.sheets;
    throw configError(
      config.apiRoot
        ? `The server at ASSAY_GOOGLE_API_ROOT (${config.apiRoot}) does not answer as the Sheets API does: point it at the API or a proxy to it.`
        : 'The Sheets API answered without any sheet; check ASSAY_SPREADSHEET_ID (or --spreadsheet).',
    );
  }

  /** The title each tab was found under in the last read, when it differs from the tab's name. */
  const foundAs = new Map<string, string>();
  /** Every tab title the last read found. */
  let titlesFound: string[] = [];
  return {
    description: { kind: 'google', spreadsheet: spreadsheetId },
    sheetName: (tab) => foundAs.get(tab) ?? tab,
    closestTab: (tab) => closestName(tab, titlesFound),
    provenance: (tab) => ({ kind: 'google', spreadsheet: spreadsheetId, tab }),
    async readTabs(tabs) {
      const retry = { policy, startedAt: Date.now() };
      try {
        // One request when every tab is there, as on almost every run; Google answers with each tab's
        // own title, which may differ from the asked-for name in case, so both paths match by title.
        const direct = await readGrid(tabs).catch((error) => {
          if (isMissingTabError(error)) return undefined;
          throw error;
        });
        const present = direct ? [...direct.keys()] : await titles();
        titlesFound = present;
        const read = direct ?? (await readFound(tabs, present));
        return new Map(
          tabs.map((tab): [string, TabCells | UnreadableTab | undefined] => {
            const match = tabTitle(tab, present);
            if (match === undefined) return [tab, undefined];
            if ('ambiguous' in match)
              return [tab, ambiguousTab(match.ambiguous, 'tabs', 'rename all but one')];
            foundAs.set(tab, match.name);
            return [tab, read.get(match.name)];
          }),
        );
      } catch (error) {
        throw failure(error, config, retry, 'read the spreadsheet');
      }
    },
    async writeStatus(rows) {
      const retry = { policy, startedAt: Date.now() };
      try {
        await writeStatusTab(api, spreadsheetId, rows);
      } catch (error) {
        throw failure(error, config, retry, 'write the status tab');
      }
    },
  };
}
