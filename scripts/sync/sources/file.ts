import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { closestName } from '../../../src/datasets/closest-name.ts';
import type { TabCells } from '../../../src/datasets/grid-cells.ts';
import { configError } from '../errors.ts';
import type { UnreadableTab, WorkbookSource } from './source.ts';
import { ambiguousTab, tabFile } from './tab-names.ts';

/** Relative to where the command runs, as people type paths, when it is below it. */
function belowHere(path: string): string | undefined {
  const below = relative(process.cwd(), path);
  return below.startsWith('..') || isAbsolute(below) ? undefined : below || '.';
}

/** For messages: as typed when below here, else in full. */
const shown = (path: string) => belowHere(path) ?? resolve(path);

/** CSV text → rows of text cells. Blank lines are kept: a blank row between data rows is a problem to report. */
function parseCsv(text: string): TabCells {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

/** What an editor can do about csv-parse's complaints, in their words rather than the parser's. */
const csvAdvice: Record<string, string> = {
  INVALID_OPENING_QUOTE:
    'a cell has a quote that does not start it (quote the whole cell and write the inner quote twice: "")',
  CSV_INVALID_CLOSING_QUOTE:
    'a quoted cell has a stray quote in it or after it (inside quotes, write a quote twice: "")',
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed: a quote is missing',
};

function unreadable(error: unknown): UnreadableTab {
  const { code, records, lines, message } = error as {
    code?: string;
    records?: number;
    lines?: number;
    message?: string;
  };
  const advice = (code && csvAdvice[code]) ?? message ?? String(error);
  // The sheet row is the record after the last one read; a cell with line breaks spans several lines.
  const row = records !== undefined ? records + 1 : (lines ?? 1);
  return { row, message: `the CSV cannot be read from here on: ${advice}` };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The file's text, or the row where it stops being UTF-8: Excel's plain "CSV" is Windows-1252, and
 * its accented letters and symbols would otherwise be published as replacement characters.
 */
function utf8Text(bytes: Uint8Array): string | UnreadableTab {
  try {
    return utf8.decode(bytes);
  } catch {
    const lossy = new TextDecoder().decode(bytes);
    const row = lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length;
    return {
      row,
      message:
        'the file is not UTF-8 text (this row has a character it cannot read): save it as "CSV UTF-8" in Excel, or download it as CSV from Google Sheets',
    };
  }
}

/** A header row with no comma but semicolons or tabs: exported with another separator. */
function otherSeparator(text: string): UnreadableTab | undefined {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (header.includes(',')) return undefined;
  const separator = header.includes(';') ? 'semicolon' : header.includes('\t') ? 'tab' : undefined;
  return separator
    ? { row: 1, message: `the file looks ${separator}-separated: export it comma-separated ("CSV UTF-8")` }
    : undefined;
}

/** A folder with one CSV per tab (see tabFile): the fixture workbook, or an export of a real one. */
export function fileSource(dir: string): WorkbookSource {
  /** Each tab's file as found by the last read, for the version's provenance. */
  const files = new Map<string, string>();
  /** The CSV files the last read found, to name the one a missing tab's file was maybe renamed to. */
  let csvFiles: string[] = [];
  return {
    description: { kind: 'file', dir: shown(dir) },
    // Public in the version history: a folder outside the project is named by its file alone.
    // A file is named for its tab however it is spelt; editors know the tab by the workbook's name for it.
    sheetName: (tab) => tab,
    closestTab: (tab) => closestName(`${tab}.csv`, csvFiles),
    provenance: (tab) => {
      const file = files.get(tab) ?? `${tab}.csv`;
      return { kind: 'file', path: belowHere(join(dir, file)) ?? file };
    },
    async readTabs(tabs) {
      const info = await stat(dir).catch(() => undefined);
      if (!info?.isDirectory())
        throw configError(
          `--dir: ${info ? `${shown(dir)} is a file, not a folder` : `there is no folder at ${shown(dir)}`}; ` +
            'give the folder that holds one <Tab>.csv per tab.',
        );
      const names = await readdir(dir);
      csvFiles = names.filter((name) => name.toLowerCase().endsWith('.csv'));
      if (!names.some((name) => name.toLowerCase().endsWith('.csv'))) {
        throw configError(`--dir: ${shown(dir)} holds no CSV files; it should hold one <Tab>.csv per tab.`);
      }
      const read = await Promise.all(
        tabs.map(async (tab): Promise<[string, TabCells | UnreadableTab | undefined]> => {
          const found = tabFile(tab, names);
          if (found === undefined) return [tab, undefined];
          if ('ambiguous' in found)
            return [tab, ambiguousTab(found.ambiguous, 'files', `keep one, or name it ${tab}.csv`)];
          files.set(tab, found.name);
          const path = join(dir, found.name);
          const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
            throw configError(`Cannot read ${shown(path)}: ${error.code ?? error.message}.`);
          });
          const text = utf8Text(bytes);
          if (typeof text !== 'string') return [tab, text];
          const misseparated = otherSeparator(text);
          if (misseparated) return [tab, misseparated];
          try {
            return [tab, parseCsv(text)];
          } catch (error) {
            // One unreadable file holds back its own dataset, not the whole workbook.
            return [tab, unreadable(error)];
          }
        }),
      );
      return new Map(read);
    },
  };
}
