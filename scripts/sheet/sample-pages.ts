/**
 * The add-on's pages filled with an editor's typical outcomes, for the screenshots in
 * docs/screenshots/ and the browser tests: the page files as built into sheet/dist, with data put in
 * by the same function the script uses.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withData } from '../../sheet/src/html-data.ts';
import type { SidebarData } from '../../sheet/src/outcome.ts';
import type { SettingsData } from '../../sheet/src/page-data.ts';
import { distDir } from './build.ts';

export function sampleData(url: string) {
  const check: SidebarData = {
    action: 'check',
    heading: 'Check this tab',
    links: [],
    tabs: [
      {
        tab: 'Production',
        kind: 'problems',
        summary: '2 problems to fix before this tab can be published.',
        advice: 'Select a cell below to go to it; fix it, then check the tab again.',
        problems: [
          {
            cell: 'Production!C3',
            column: 'Share of global production (%)',
            message: 'expected a percentage, got "seventy"; write it like 70% or ~70%',
          },
          {
            cell: 'Production!B5',
            column: 'Year',
            message: 'expected a year, got "last year"; write it like 2024',
          },
        ],
        problemCount: 2,
        warnings: [
          {
            cell: 'Production!E1',
            column: 'Notes',
            message: 'no such column in this dataset; its values are ignored',
          },
        ],
      },
    ],
  };
  const publish: SidebarData = {
    action: 'publish-all',
    heading: 'Publish all tabs',
    links: [],
    tabs: [
      {
        tab: 'Production',
        kind: 'published',
        summary: 'Published version 5 (+2 −0 ~1)',
        page: `${url}/datasets/production`,
        problems: [],
        warnings: [
          {
            cell: 'Production!C4',
            column: 'Share of global production (%)',
            message:
              '0.69 is read as 0.69%; if it is a fraction of the whole, write 69%, or write 0.69% to keep it',
          },
        ],
      },
      {
        tab: 'Elements',
        kind: 'unchanged',
        summary: 'Unchanged: version 3 already holds what this tab holds.',
        page: `${url}/datasets/elements`,
        problems: [],
        warnings: [],
      },
    ],
  };
  const settings: SettingsData = { url, token: '••••••••3f9a' };
  return { check, publish, settings };
}

/** Each sample page's HTML, by name: `sidebar-check`, `sidebar-publish`, `settings`. */
export async function samplePages(url: string): Promise<Record<string, string>> {
  const [sidebar, settings] = await Promise.all([
    readFile(join(distDir, 'Sidebar.html'), 'utf8'),
    readFile(join(distDir, 'Settings.html'), 'utf8'),
  ]);
  const data = sampleData(url);
  return {
    'sidebar-check': withData(sidebar, data.check),
    'sidebar-publish': withData(sidebar, data.publish),
    settings: withData(settings, data.settings),
  };
}

/**
 * What the page gets from Apps Script in place of `google.script`: calls are recorded in
 * `window.scriptCalls`, each answered as the script would, and closing the dialog is recorded too.
 */
export const fakeGoogleScript = `
  window.scriptCalls = [];
  window.dialogClosed = false;
  const answers = {
    assaySelectCell: (cell) => ({ selected: cell }),
    assaySaveSettings: (form) => (form.url.startsWith('https://') ? { saved: true } : { error: 'The Worker URL must start with https://.' }),
  };
  function runner(success, failure) {
    return new Proxy({}, {
      get(_, name) {
        if (name === 'withSuccessHandler') return (handler) => runner(handler, failure);
        if (name === 'withFailureHandler') return (handler) => runner(success, handler);
        return (argument) => {
          window.scriptCalls.push({ name, argument });
          const answer = answers[name];
          setTimeout(() => (answer ? success?.(answer(argument)) : failure?.(new Error('no such function'))), 0);
        };
      },
    });
  }
  window.google = { script: { run: runner(), host: { close: () => { window.dialogClosed = true; } } } };
`;
