import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { configError } from '../errors.ts';
import type { TabCells, UnreadableTab, WorkbookSource } from './source.ts';

/** Shown relative to where the command runs, as people type paths. */
const shown = (path: string) => relative(process.cwd(), path) || '.';

/** CSV text → rows of text cells. Blank lines are kept: a blank row between data rows is a problem to report. */
export function parseCsv(text: string): TabCells {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

/** What an editor can do about csv-parse's complaints, in their words rather than the parser's. */
const csvAdvice: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE:
    'a quoted cell has a stray quote in it or after it (inside quotes, write a quote twice: "")',
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed: a quote is missing',
};

function unreadable(error: unknown): UnreadableTab {
  const { code, lines, message } = error as { code?: string; lines?: number; message?: string };
  const advice = (code && csvAdvice[code]) ?? message ?? String(error);
  return { row: lines ?? 1, message: `the CSV cannot be read from here on: ${advice}` };
}

/** A folder with one `<Tab>.csv` per tab: the fixture workbook, or an export of a real one. */
export function fileSource(dir: string): WorkbookSource {
  return {
    description: { kind: 'file', dir: shown(dir) },
    provenance: (tab) => ({ kind: 'file', path: shown(join(dir, `${tab}.csv`)) }),
    async readTabs(tabs) {
      const info = await stat(dir).catch(() => undefined);
      if (!info?.isDirectory())
        throw configError(
          `--dir: there is no folder at ${shown(dir)}; it should hold one <Tab>.csv per tab.`,
        );
      const read = await Promise.all(
        tabs.map(async (tab): Promise<[string, TabCells | UnreadableTab | undefined]> => {
          const text = await readFile(join(dir, `${tab}.csv`), 'utf8').catch(
            (error: NodeJS.ErrnoException) => {
              if (error.code === 'ENOENT') return undefined;
              throw configError(
                `Cannot read ${shown(join(dir, `${tab}.csv`))}: ${error.code ?? error.message}.`,
              );
            },
          );
          if (text === undefined) return [tab, undefined];
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
