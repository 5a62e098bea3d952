import { withData } from './html-data.ts';
import type { SidebarData } from './outcome.ts';
import type { SettingsData } from './page-data.ts';

/** A page of the add-on (Sidebar.html, Settings.html in sheet/dist) with its data filled in. */
function page(file: 'Sidebar' | 'Settings', data: unknown): GoogleAppsScript.HTML.HtmlOutput {
  const html = HtmlService.createHtmlOutputFromFile(file).getContent();
  return HtmlService.createHtmlOutput(withData(html, data)).setTitle('Assay');
}

export function showSidebar(data: SidebarData) {
  SpreadsheetApp.getUi().showSidebar(page('Sidebar', data));
}

/** The same page in a small window, for what needs no room (the published page's link). */
export function showDialog(data: SidebarData, title: string) {
  SpreadsheetApp.getUi().showModelessDialog(page('Sidebar', data).setWidth(380).setHeight(200), title);
}

export function showSettings(data: SettingsData) {
  SpreadsheetApp.getUi().showModalDialog(
    page('Settings', data).setWidth(460).setHeight(420),
    'Assay settings',
  );
}
