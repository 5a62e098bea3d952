import type { sheets_v4 } from '@googleapis/sheets';
import type { StatusRow } from '../status-tab.ts';
import { isMissingTabError, quoteTab } from './sheets-ranges.ts';

const statusTabTitle = 'Publish status';

/**
 * Writes the rows from A1, then clears what an earlier, longer run left below them. The tab is
 * created on first use; a 400 for "already exists" means a retried addSheet had in fact succeeded.
 */
export async function writeStatusTab(api: sheets_v4.Sheets, spreadsheetId: string, rows: StatusRow[]) {
  const update = () =>
    api.spreadsheets.values.update({
      spreadsheetId,
      range: `${quoteTab(statusTabTitle)}!A1`,
      valueInputOption: 'RAW',
      requestBody: { majorDimension: 'ROWS', values: rows },
    });
  try {
    await update();
  } catch (error) {
    if (!isMissingTabError(error)) throw error;
    await api.spreadsheets
      .batchUpdate({
        spreadsheetId,
        requestBody: { requests: [{ addSheet: { properties: { title: statusTabTitle } } }] },
      })
      .catch((addError: { status?: number; message?: string }) => {
        if (!(addError.status === 400 && /already exists/i.test(addError.message ?? ''))) throw addError;
      });
    await update();
  }
  await api.spreadsheets.values.clear({
    spreadsheetId,
    range: `${quoteTab(statusTabTitle)}!A${rows.length + 1}:Z`,
  });
}
