import type { Answer } from './answers.ts';
import type { RowData } from './cells.ts';
import type { Settings } from './settings.ts';

/** The body of `POST /admin/v1/datasets/:id/sheet`. */
export interface SheetBody {
  sheet: { title: string; rowData: RowData[] };
  dryRun?: boolean;
  baseVersion?: number;
  source?: Record<string, string>;
}

/**
 * Sends a tab's cells to the Worker. UrlFetchApp is synchronous; with `muteHttpExceptions` every HTTP
 * answer comes back to be read (a refusal is a problem+json to show), and only a network failure
 * throws. Redirects are not followed: the token must not go anywhere the editor did not set.
 */
export function postSheet(settings: Settings, datasetId: string, body: SheetBody): Answer {
  try {
    const response = UrlFetchApp.fetch(
      `${settings.url}/admin/v1/datasets/${encodeURIComponent(datasetId)}/sheet`,
      {
        method: 'post',
        contentType: 'application/json',
        payload: JSON.stringify(body),
        headers: {
          authorization: `Bearer ${settings.token}`,
          accept: 'application/json, application/problem+json',
        },
        muteHttpExceptions: true,
        followRedirects: false,
      },
    );
    return { status: response.getResponseCode(), text: response.getContentText() };
  } catch (error) {
    return { unreachable: error instanceof Error ? error.message : String(error) };
  }
}
