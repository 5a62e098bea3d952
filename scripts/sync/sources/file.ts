import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { configError } from '../errors.ts';
import type { TabCells, WorkbookSource } from './source.ts';

/** Shown relative to where the command runs, as people type paths. */
const shown = (path: string) => relative(process.cwd(), path) || '.';

/** CSV text → rows of text cells. Blank lines are kept: a blank row between data rows is a problem to report. */
export function parseCsv(text: string): TabCells {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
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
        tabs.map(async (tab) => {
          const text = await readFile(join(dir, `${tab}.csv`), 'utf8').catch(
            (error: NodeJS.ErrnoException) => {
              if (error.code === 'ENOENT') return undefined;
              throw configError(
                `Cannot read ${shown(join(dir, `${tab}.csv`))}: ${error.code ?? error.message}.`,
              );
            },
          );
          if (text === undefined) return [tab, undefined] as const;
          try {
            return [tab, parseCsv(text)] as const;
          } catch (error) {
            throw configError(
              `${shown(join(dir, `${tab}.csv`))} is not valid CSV: ${(error as Error).message}`,
            );
          }
        }),
      );
      return new Map(read);
    },
  };
}
