import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { distDir } from '../../../../scripts/sheet/build.ts';
import { FakeProperties, FakeUi, fakeHtmlService, fakeSpreadsheetApp, fakeUtilities } from './services.ts';
import type { FakeSpreadsheet } from './spreadsheet.ts';
import { FakeUrlFetchApp } from './url-fetch.ts';

/**
 * The built add-on (sheet/dist/Code.js) loaded as Apps Script loads it: one script in a fresh global
 * scope holding only the services it may call, here fakes. Its handlers are what Apps Script would
 * find: the script's top-level functions.
 */
export interface LoadedAddon {
  /** Calls a top-level function of the script by name, as a menu click or google.script.run does. */
  call(name: string, ...args: unknown[]): unknown;
  global: vm.Context;
  ui: FakeUi;
  scriptProperties: FakeProperties;
  documentProperties: FakeProperties;
  urlFetch: FakeUrlFetchApp;
  close(): Promise<number>;
}

export function loadAddon(spreadsheet: FakeSpreadsheet, dir = distDir): LoadedAddon {
  const ui = new FakeUi();
  const scriptProperties = new FakeProperties();
  const documentProperties = new FakeProperties();
  const urlFetch = new FakeUrlFetchApp();
  const global = vm.createContext({
    SpreadsheetApp: fakeSpreadsheetApp(spreadsheet, ui),
    PropertiesService: {
      getScriptProperties: () => scriptProperties,
      getDocumentProperties: () => documentProperties,
    },
    HtmlService: fakeHtmlService(dir),
    UrlFetchApp: urlFetch,
    Utilities: fakeUtilities,
  });
  vm.runInContext(readFileSync(join(dir, 'Code.js'), 'utf8'), global, { filename: 'Code.gs' });
  return {
    call(name, ...args) {
      const handler = global[name];
      if (typeof handler !== 'function') throw new Error(`The script has no top-level function ${name}.`);
      return handler(...args);
    },
    global,
    ui,
    scriptProperties,
    documentProperties,
    urlFetch,
    close: () => urlFetch.close(),
  };
}

/** The data a page was given (the JSON the script put into it). */
export function pageData<T>(html: string): T {
  const json = /<script type="application\/json" id="assay-data">(.*?)<\/script>/s.exec(html)?.[1];
  if (json === undefined) throw new Error('The page holds no data.');
  return JSON.parse(json) as T;
}
