import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import type { sheets_v4 } from '@googleapis/sheets';
import { parse } from 'csv-parse/sync';
import { enteredCell } from '../../shared/entered-cell.ts';

/**
 * A fake Google Sheets v4 API on 127.0.0.1 for the sync's tests: the routes the sync calls, in the real
 * API's JSON shapes. It serves a workbook loaded from a folder of CSVs the way Sheets would store what
 * an editor typed (`70%` → 0.7 with a PERCENT format, `2024-01-08` → a date serial with a DATE format,
 * `1,234` → 1234, `TRUE` → a boolean, `#N/A` → an error value), leaves out trailing empty cells and rows
 * as the API does, checks the Bearer token, records every call, and fails on demand.
 */

type Cell = sheets_v4.Schema$CellData | undefined;

interface Tab {
  sheetId: number;
  rows: Cell[][];
}

export interface RecordedCall {
  method: string;
  /** Decoded path, e.g. `/v4/spreadsheets/ID/values/'Publish status'!A1`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
}

export interface FakeSheets {
  /** The origin to give the client as `rootUrl` (or ASSAY_GOOGLE_API_ROOT). */
  url: string;
  spreadsheetId: string;
  /** The only access token the fake accepts. */
  token: string;
  calls: RecordedCall[];
  /** Calls that change the spreadsheet: batchUpdate, values.update, values.clear. */
  writes(): RecordedCall[];
  /** An editor types `text` into a cell (A1 reference) of a tab. */
  type(tab: string, a1: string, text: string): void;
  /** A tab's cells as plain values (what a person sees), or undefined if there is no such tab. */
  values(tab: string): (string | number | boolean | null)[][] | undefined;
  removeTab(title: string): void;
  renameTab(from: string, to: string): void;
  /**
   * The next `count` requests (of one method, with `only`) answer `status`, with `Retry-After` when
   * given (in seconds).
   */
  failNext(count: number, status: number, options?: { retryAfterSeconds?: number; only?: string }): void;
  /** Every request answers `status` until `stopFailing()`. */
  failAlways(status: number): void;
  stopFailing(): void;
  close(): Promise<void>;
}

/** A value written through values.update with valueInputOption RAW: stored as given, never parsed. */
function rawCell(value: unknown): Cell {
  if (value === '' || value === null || value === undefined) return undefined;
  if (typeof value === 'number')
    return { effectiveValue: { numberValue: value }, formattedValue: String(value) };
  if (typeof value === 'boolean')
    return { effectiveValue: { boolValue: value }, formattedValue: String(value).toUpperCase() };
  return { effectiveValue: { stringValue: String(value) }, formattedValue: String(value) };
}

function plain(cell: Cell): string | number | boolean | null {
  const v = cell?.effectiveValue;
  if (!v) return null;
  if (v.errorValue) return cell?.formattedValue ?? '#ERROR!';
  return v.stringValue ?? v.numberValue ?? v.boolValue ?? null;
}

function columnIndex(letters: string): number {
  return [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

interface A1Range {
  tab: string;
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

/** `'Publish status'!A5:Z`, `Production`, `'It''s'!B2` → 0-based, end-exclusive bounds. */
function parseRange(range: string): A1Range | undefined {
  const match = /^(?:'((?:[^']|'')+)'|([^!']+))(?:!([A-Z]+)(\d+)?(?::([A-Z]+)(\d+)?)?)?$/.exec(range);
  if (!match) return undefined;
  const tab = match[1] !== undefined ? match[1].replaceAll("''", "'") : (match[2] ?? '');
  return {
    tab,
    startColumn: match[3] ? columnIndex(match[3]) : 0,
    startRow: match[4] ? Number(match[4]) - 1 : 0,
    endColumn: match[5]
      ? columnIndex(match[5]) + 1
      : match[3] && !match[5]
        ? columnIndex(match[3]) + 1
        : Number.POSITIVE_INFINITY,
    endRow: match[6] ? Number(match[6]) : match[4] && !match[5] ? Number(match[4]) : Number.POSITIVE_INFINITY,
  };
}

function googleError(
  res: ServerResponse,
  code: number,
  status: string,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify({ error: { code, message, status } }));
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

/** The grid as the API returns it: trailing empty cells and rows left out, empty rows as `{}`. */
function gridData(tab: Tab): sheets_v4.Schema$GridData {
  const rows = tab.rows.map((row) => {
    const last = row.findLastIndex((cell) => cell !== undefined);
    return last === -1 ? {} : { values: row.slice(0, last + 1).map((cell) => cell ?? {}) };
  });
  const lastRow = rows.findLastIndex((row) => 'values' in row);
  return { rowData: rows.slice(0, lastRow + 1) };
}

export interface FakeSheetsOptions {
  /** A folder of `<Tab>.csv` files; the repository's fixture workbook by default. */
  dir?: string;
  spreadsheetId?: string;
  token?: string;
}

export async function startFakeSheets(options: FakeSheetsOptions = {}): Promise<FakeSheets> {
  const dir = options.dir ?? join(import.meta.dirname, '../../../fixtures');
  const spreadsheetId = options.spreadsheetId ?? 'fake-spreadsheet-id';
  const token = options.token ?? 'fake-access-token';
  const tabs = new Map<string, Tab>();
  let nextSheetId = 1;
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()) {
    const text = await readFile(join(dir, file), 'utf8');
    const rows = (parse(text, { bom: true, relax_column_count: true }) as string[][]).map((row) =>
      row.map(enteredCell),
    );
    tabs.set(basename(file, '.csv'), { sheetId: nextSheetId++, rows });
  }

  const calls: RecordedCall[] = [];
  const failures: { status: number; retryAfter?: number; only?: string }[] = [];
  let failEvery: number | null = null;

  function cellsOf(tab: Tab, row: number): Cell[] {
    while (tab.rows.length <= row) tab.rows.push([]);
    return tab.rows[row] as Cell[];
  }

  async function handle(req: IncomingMessage, res: ServerResponse, call: RecordedCall) {
    const queued = failures.findIndex((f) => f.only === undefined || f.only === call.method);
    const failure =
      failEvery !== null ? { status: failEvery } : queued === -1 ? undefined : failures.splice(queued, 1)[0];
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
      return googleError(
        res,
        failure.status,
        statusNames[failure.status] ?? 'UNKNOWN',
        'Injected failure.',
        headers,
      );
    }
    if (req.headers.authorization !== `Bearer ${token}`)
      return googleError(
        res,
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    const prefix = `/v4/spreadsheets/${spreadsheetId}`;
    if (!call.path.startsWith(prefix))
      return googleError(res, 404, 'NOT_FOUND', 'Requested entity was not found.');
    const rest = call.path.slice(prefix.length);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
    const rangeOrError = (text: string) => {
      const range = parseRange(text);
      if (!range || !tabs.has(range.tab)) {
        googleError(res, 400, 'INVALID_ARGUMENT', `Unable to parse range: ${text}`);
        return undefined;
      }
      return range;
    };

    if (req.method === 'GET' && rest === '') {
      const ranges = call.query.getAll('ranges');
      const wanted: string[] = [];
      for (const text of ranges) {
        const range = rangeOrError(text);
        if (!range) return;
        wanted.push(range.tab);
      }
      const withData =
        (call.query.get('fields') ?? '').includes('rowData') || call.query.get('includeGridData') === 'true';
      const sheets = [...tabs]
        .filter(([title]) => ranges.length === 0 || wanted.includes(title))
        .map(([title, tab]) => ({
          properties: { sheetId: tab.sheetId, title, index: tab.sheetId - 1, sheetType: 'GRID' },
          ...(withData && ranges.length > 0 ? { data: [gridData(tab)] } : {}),
        }));
      return json({ spreadsheetId, sheets });
    }
    if (req.method === 'POST' && rest === ':batchUpdate') {
      const { requests = [] } = (call.body ?? {}) as sheets_v4.Schema$BatchUpdateSpreadsheetRequest;
      const replies = [];
      for (const request of requests) {
        const title = request.addSheet?.properties?.title;
        if (!title) return googleError(res, 400, 'INVALID_ARGUMENT', 'Only addSheet is faked.');
        if (tabs.has(title))
          return googleError(
            res,
            400,
            'INVALID_ARGUMENT',
            `Invalid requests[0].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`,
          );
        const sheetId = nextSheetId++;
        tabs.set(title, { sheetId, rows: [] });
        replies.push({ addSheet: { properties: { sheetId, title, index: sheetId - 1, sheetType: 'GRID' } } });
      }
      return json({ spreadsheetId, replies });
    }
    const values = /^\/values\/(.+?)(:clear)?$/.exec(rest);
    if (values?.[1]) {
      const range = rangeOrError(values[1]);
      if (!range) return;
      const tab = tabs.get(range.tab) as Tab;
      if (req.method === 'POST' && values[2]) {
        for (let r = range.startRow; r < Math.min(range.endRow, tab.rows.length); r++) {
          const row = cellsOf(tab, r);
          for (let c = range.startColumn; c < Math.min(range.endColumn, row.length); c++) row[c] = undefined;
        }
        return json({ spreadsheetId, clearedRange: values[1] });
      }
      if (req.method === 'PUT' && call.query.get('valueInputOption') === 'RAW') {
        const rows = ((call.body as sheets_v4.Schema$ValueRange | undefined)?.values ?? []) as unknown[][];
        rows.forEach((row, r) => {
          const cells = cellsOf(tab, range.startRow + r);
          row.forEach((value, c) => {
            cells[range.startColumn + c] = rawCell(value);
          });
        });
        const width = Math.max(0, ...rows.map((row) => row.length));
        return json({
          spreadsheetId,
          updatedRange: values[1],
          updatedRows: rows.length,
          updatedColumns: width,
          updatedCells: rows.reduce((n, row) => n + row.length, 0),
        });
      }
    }
    googleError(res, 404, 'NOT_FOUND', `The fake does not serve ${req.method} ${call.path}.`);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      body: await readBody(req).catch(() => undefined),
      status: 0,
    };
    calls.push(call);
    res.on('finish', () => {
      call.status = res.statusCode;
    });
    await handle(req, res, call);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    spreadsheetId,
    token,
    calls,
    writes: () => calls.filter((c) => c.method !== 'GET'),
    type(tabName, a1, text) {
      const tab = tabs.get(tabName);
      const range = parseRange(`'${tabName}'!${a1}`);
      if (!tab || !range) throw new Error(`No cell ${tabName}!${a1} in the fake workbook.`);
      cellsOf(tab, range.startRow)[range.startColumn] = enteredCell(text);
    },
    values(title) {
      const tab = tabs.get(title);
      if (!tab) return undefined;
      const rows = tab.rows.map((row) => {
        const last = row.findLastIndex((cell) => cell !== undefined);
        return row.slice(0, last + 1).map(plain);
      });
      return rows.slice(0, rows.findLastIndex((row) => row.length > 0) + 1);
    },
    removeTab: (title) => void tabs.delete(title),
    renameTab(from, to) {
      const tab = tabs.get(from);
      if (!tab) throw new Error(`The fake has no tab "${from}".`);
      tabs.delete(from);
      tabs.set(to, tab);
    },
    failNext(count, status, { retryAfterSeconds, only } = {}) {
      for (let i = 0; i < count; i++)
        failures.push({
          status,
          ...(retryAfterSeconds === undefined ? {} : { retryAfter: retryAfterSeconds }),
          ...(only === undefined ? {} : { only }),
        });
    },
    failAlways(status) {
      failEvery = status;
    },
    stopFailing() {
      failEvery = null;
      failures.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
