/**
 * The add-on's entry: every function exported here becomes a top-level function declaration of the
 * built script (scripts/sheet/build.ts), which is how Apps Script finds menu handlers, simple triggers
 * and the functions the pages call through `google.script.run`. Everything else stays private.
 */
import { outcomeOf } from './answers.ts';
import { rowData, serialOfWallClock, wallClockPattern } from './cells.ts';
import { notesByCell } from './marks.ts';
import type { Action, SidebarData, TabOutcome } from './outcome.ts';
import { showDialog, showSettings, showSidebar } from './pages.ts';
import { maskedToken, publishToken, type Settings, settingKeys, workerUrl } from './settings.ts';
import { remark } from './tab-marks.ts';
import { type DatasetTab, datasetOfTab, findTabs } from './tabs.ts';
import { postSheet } from './worker-api.ts';

/** The catalogue's datasets and their tabs, written into the script when it is built. */
declare const ASSAY_DATASETS: readonly DatasetTab[];

export function onOpen() {
  SpreadsheetApp.getUi()
    .createMenu('Assay')
    .addItem('Check this tab', 'assayCheckTab')
    .addItem('Publish this tab', 'assayPublishTab')
    .addItem('Publish all tabs', 'assayPublishAll')
    .addSeparator()
    .addItem('Open the published page', 'assayOpenPage')
    .addItem('Settings…', 'assaySettings')
    .addToUi();
}

/** Installed as an add-on, the menu appears at once rather than at the next open. */
export function onInstall() {
  onOpen();
}

export function assayCheckTab() {
  runOnActiveTab('check');
}

export function assayPublishTab() {
  runOnActiveTab('publish');
}

export function assayPublishAll() {
  const settings = loadSettings();
  if (!settings) return showSidebar(needsSettings('publish-all'));
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const titles = spreadsheet.getSheets().map((sheet) => sheet.getName());
  const tabs: TabOutcome[] = [];
  const missing: string[] = [];
  for (const found of findTabs(ASSAY_DATASETS, titles)) {
    if ('missing' in found) missing.push(found.missing);
    else
      tabs.push(
        runTab(spreadsheet, spreadsheet.getSheetByName(found.title), found.dataset, settings, 'publish'),
      );
  }
  showSidebar({
    action: 'publish-all',
    heading: 'Publish all tabs',
    ...(tabs.length === 0
      ? { notice: `No tab of this spreadsheet is an Assay dataset. ${datasetList()}` }
      : missing.length > 0
        ? { notice: `${missing.join(' ')} Its dataset was left as it is.` }
        : {}),
    links: [],
    tabs,
  });
}

export function assayOpenPage() {
  const settings = loadSettings();
  if (!settings) return showSidebar(needsSettings('open'));
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const title = spreadsheet.getActiveSheet().getName();
  const found = datasetOfTab(ASSAY_DATASETS, sheetTitles(spreadsheet), title);
  const links = found
    ? [{ text: `${found.dataset.title} on Assay`, href: `${settings.url}/datasets/${found.dataset.id}` }]
    : [{ text: 'Every dataset on Assay', href: `${settings.url}/` }];
  showDialog(
    {
      action: 'open',
      heading: 'The published page',
      ...(found ? {} : { notice: `“${title}” is not an Assay dataset tab.` }),
      links,
      tabs: [],
    },
    'Open the published page',
  );
}

export function assaySettings() {
  const settings = loadSettings();
  showSettings({ url: settings?.url ?? '', token: settings ? maskedToken(settings.token) : '' });
}

/**
 * Called by the Settings page. An empty token keeps the saved one, so the masked token never needs
 * to travel back. Stored in the script's properties: never in a cell, where any viewer would see it.
 */
export function assaySaveSettings(form: {
  url?: unknown;
  token?: unknown;
}): { error: string } | { saved: true } {
  const url = workerUrl(String(form.url ?? ''));
  if (typeof url !== 'string') return url;
  const properties = PropertiesService.getScriptProperties();
  const typed = String(form.token ?? '');
  if (typed.trim() === '' && !properties.getProperty(settingKeys.token))
    return { error: 'Paste the publish token your Assay administrator gave you.' };
  const token = typed.trim() === '' ? undefined : publishToken(typed);
  if (typeof token === 'object') return token;
  properties.setProperties({ [settingKeys.url]: url, ...(token ? { [settingKeys.token]: token } : {}) });
  return { saved: true };
}

/** Called by the sidebar: goes to a problem's cell (`Production!C5`, or a row `Production!4:4`). */
export function assaySelectCell(ref: unknown): { error: string } | { selected: string } {
  const text = String(ref);
  if (!/^(?:'(?:[^']|'')+'|[^!'"]+)!(?:[A-Z]+\d+|\d+:\d+)$/.test(text))
    return { error: `“${text}” is not a cell of this spreadsheet.` };
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const tab = text
    .slice(0, text.lastIndexOf('!'))
    .replace(/^'(.*)'$/, '$1')
    .replace(/''/g, "'");
  const sheet = spreadsheet.getSheetByName(tab);
  if (!sheet) return { error: `There is no tab named “${tab}” any more.` };
  sheet.getRange(text.slice(text.lastIndexOf('!') + 1)).activate();
  return { selected: text };
}

function runOnActiveTab(mode: 'check' | 'publish') {
  const action: Action = mode;
  const settings = loadSettings();
  if (!settings) return showSidebar(needsSettings(action));
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  const found = datasetOfTab(ASSAY_DATASETS, sheetTitles(spreadsheet), sheet.getName());
  const heading = mode === 'check' ? 'Check this tab' : 'Publish this tab';
  if (!found)
    return showSidebar({
      action,
      heading,
      notice: `“${sheet.getName()}” is not an Assay dataset tab. ${datasetList()}`,
      links: [],
      tabs: [],
    });
  showSidebar({
    action,
    heading,
    links: [],
    tabs: [runTab(spreadsheet, sheet, found.dataset, settings, mode)],
  });
}

const versionKey = (dataset: DatasetTab) => `ASSAY_VERSION_${dataset.id}`;

/**
 * Reads a tab, sends it, and marks its problem cells. A publish names the version this spreadsheet
 * last published as its base, so a version published since from elsewhere (a rollback, the scheduled
 * sync) is not replaced without the editor seeing it first.
 */
function runTab(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null,
  dataset: DatasetTab,
  settings: Settings,
  mode: 'check' | 'publish',
): TabOutcome {
  if (!sheet) throw new Error(`The tab for ${dataset.id} went away while publishing.`);
  const title = sheet.getName();
  const documentProperties = PropertiesService.getDocumentProperties();
  const remembered = Number(documentProperties.getProperty(versionKey(dataset)) ?? Number.NaN);
  const baseVersion = mode === 'publish' && Number.isInteger(remembered) ? remembered : undefined;
  const answer = postSheet(settings, dataset.id, {
    sheet: { title, rowData: readTab(spreadsheet, sheet) },
    ...(mode === 'check' ? { dryRun: true } : {}),
    ...(baseVersion === undefined ? {} : { baseVersion }),
    source: { kind: 'google', spreadsheet: spreadsheet.getId(), tab: title },
  });
  const outcome = outcomeOf(answer, {
    tab: title,
    dryRun: mode === 'check',
    url: settings.url,
    page: `${settings.url}/datasets/${dataset.id}`,
    ...(baseVersion === undefined ? {} : { baseVersion }),
  });
  const version = versionOf(answer);
  if (version !== undefined) documentProperties.setProperty(versionKey(dataset), String(version));
  if (['published', 'unchanged', 'checked', 'problems'].includes(outcome.kind)) {
    const marked = remark(sheet, outcome.problems);
    // Said only when some problem cells went unmarked (several problems may share one cell).
    if (marked < notesByCell(outcome.problems, Number.POSITIVE_INFINITY).size) outcome.marked = marked;
  }
  return outcome;
}

/** The version an answer says is current: a publish's, an unchanged one's, or a stale base's. */
function versionOf(answer: ReturnType<typeof postSheet>): number | undefined {
  if ('unreachable' in answer || ![200, 201, 409].includes(answer.status)) return undefined;
  try {
    const body = JSON.parse(answer.text) as { version?: unknown; currentVersion?: unknown; valid?: unknown };
    const version =
      answer.status === 409 ? body.currentVersion : body.valid === undefined ? body.version : undefined;
    return typeof version === 'number' && Number.isInteger(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The tab's cells as the Sheets API would give them, dates read in the spreadsheet's time zone. */
function readTab(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
) {
  const range = sheet.getDataRange();
  const zone = spreadsheet.getSpreadsheetTimeZone();
  return rowData(
    { values: range.getValues(), displays: range.getDisplayValues(), formats: range.getNumberFormats() },
    (date) => serialOfWallClock(Utilities.formatDate(date, zone, wallClockPattern)),
  );
}

function loadSettings(): Settings | undefined {
  const properties = PropertiesService.getScriptProperties();
  const url = properties.getProperty(settingKeys.url);
  const token = properties.getProperty(settingKeys.token);
  return url && token ? { url, token } : undefined;
}

function needsSettings(action: Action): SidebarData {
  return {
    action,
    heading: 'Assay needs its settings',
    notice:
      'Set the Worker URL and your publish token first: Assay → Settings…. Your Assay administrator can give you both.',
    links: [],
    tabs: [],
  };
}

const sheetTitles = (spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) =>
  spreadsheet.getSheets().map((sheet) => sheet.getName());

const datasetList = () => `Assay publishes these tabs: ${ASSAY_DATASETS.map((d) => d.tab).join(', ')}.`;
