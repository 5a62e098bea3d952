import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeSpreadsheet } from './spreadsheet.ts';
import { formatWallClock } from './zoned-time.ts';

/**
 * Fakes of PropertiesService, HtmlService, the spreadsheet's Ui and Utilities, from the Apps Script
 * reference: what the add-on calls, with the limits that shape it (a property value holds at most
 * 9 KB; a page comes from a file of the project, named without its extension).
 */
type Properties = GoogleAppsScript.Properties.Properties;
type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

const maxValueBytes = 9 * 1024;

export class FakeProperties implements Pick<Properties, 'getProperty' | 'getKeys' | 'deleteAllProperties'> {
  readonly values = new Map<string, string>();

  getProperty(key: string) {
    return this.values.get(key) ?? null;
  }
  setProperty(key: string, value: string) {
    if (Buffer.byteLength(String(value)) > maxValueBytes)
      throw new Error('Exception: Argument too large: value');
    this.values.set(key, String(value));
    return this;
  }
  setProperties(properties: Record<string, string>, deleteAllOthers = false) {
    if (deleteAllOthers) this.values.clear();
    for (const [key, value] of Object.entries(properties)) this.setProperty(key, value);
    return this;
  }
  deleteProperty(key: string) {
    this.values.delete(key);
    return this;
  }
  getProperties() {
    return Object.fromEntries(this.values);
  }
  getKeys() {
    return [...this.values.keys()];
  }
  deleteAllProperties() {
    this.values.clear();
    return this;
  }
}

export class FakeHtmlOutput
  implements Pick<HtmlOutput, 'getContent' | 'getTitle' | 'getWidth' | 'getHeight'>
{
  private title = '';
  private width = 0;
  private height = 0;
  private content: string;
  constructor(content: string) {
    this.content = content;
  }
  getContent() {
    return this.content;
  }
  setContent(content: string) {
    this.content = content;
    return this;
  }
  append(content: string) {
    this.content += content;
    return this;
  }
  getTitle() {
    return this.title;
  }
  setTitle(title: string) {
    this.title = title;
    return this;
  }
  getWidth() {
    return this.width;
  }
  setWidth(width: number) {
    this.width = width;
    return this;
  }
  getHeight() {
    return this.height;
  }
  setHeight(height: number) {
    this.height = height;
    return this;
  }
}

export function fakeHtmlService(projectDir: string) {
  return {
    createHtmlOutput: (html = '') => new FakeHtmlOutput(html),
    createHtmlOutputFromFile: (name: string) =>
      new FakeHtmlOutput(readFileSync(join(projectDir, `${name}.html`), 'utf8')),
  };
}

export interface Shown {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
}

export interface MenuItem {
  caption: string;
  functionName: string;
}

class FakeMenu {
  readonly items: (MenuItem | 'separator')[] = [];
  private readonly ui: FakeUi;
  readonly name: string;
  constructor(ui: FakeUi, name: string) {
    this.ui = ui;
    this.name = name;
  }
  addItem(caption: string, functionName: string) {
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator() {
    this.items.push('separator');
    return this;
  }
  addToUi() {
    this.ui.menus.push(this);
  }
}

export class FakeUi {
  readonly menus: FakeMenu[] = [];
  readonly shown: Shown[] = [];
  createMenu(name: string) {
    return new FakeMenu(this, name);
  }
  showSidebar(output: FakeHtmlOutput) {
    this.shown.push({ kind: 'sidebar', title: output.getTitle(), html: output.getContent() });
  }
  showModalDialog(output: FakeHtmlOutput, title: string) {
    this.shown.push({ kind: 'modal', title, html: output.getContent() });
  }
  showModelessDialog(output: FakeHtmlOutput, title: string) {
    this.shown.push({ kind: 'modeless', title, html: output.getContent() });
  }
  /** The page shown last. */
  last(): Shown {
    const shown = this.shown.at(-1);
    if (!shown) throw new Error('The add-on has shown nothing.');
    return shown;
  }
}

export function fakeSpreadsheetApp(spreadsheet: FakeSpreadsheet, ui: FakeUi) {
  return {
    getActiveSpreadsheet: () => spreadsheet,
    getActive: () => spreadsheet,
    getUi: () => ui,
  };
}

export const fakeUtilities = {
  formatDate: (date: Date, timeZone: string, format: string) =>
    formatWallClock(date.getTime(), timeZone, format),
};
