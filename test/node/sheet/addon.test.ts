import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SidebarData } from '../../../sheet/src/outcome.ts';
import type { SettingsData } from '../../../sheet/src/page-data.ts';
import { tabCells } from '../../../src/datasets/grid-cells.ts';
import { production } from '../../../src/datasets/production.ts';
import { datasets } from '../../../src/datasets/registry.ts';
import { validateTab } from '../../../src/datasets/validate-tab.ts';
import { typedGrid } from '../../shared/typed-grid.ts';
import { startWorker, type TestWorker } from '../support/worker.ts';
import { served } from '../sync/helpers.ts';
import { type LoadedAddon, loadAddon, pageData } from './support/addon.ts';
import type { FakeSheet, FakeSpreadsheet } from './support/spreadsheet.ts';
import { csvTabs, fixtureSpreadsheet } from './support/workbook.ts';

/**
 * The built add-on, loaded into a vm context holding only fakes of the Apps Script services, drives
 * the real Worker (built, in Miniflare, on loopback) through POST /admin/v1/datasets/:id/sheet, as an
 * editor would from the Assay menu: settings, check, publish, a broken cell marked and cleared, and a
 * publish token that may publish but neither force nor roll back. The steps build on each other.
 */
let publishToken: string;
let worker: TestWorker;
let spreadsheet: FakeSpreadsheet;
let addon: LoadedAddon;
let tab: FakeSheet;

beforeAll(async () => {
  worker = await startWorker();
  publishToken = worker.publishToken;
  spreadsheet = fixtureSpreadsheet();
  addon = loadAddon(spreadsheet);
  tab = spreadsheet.getSheetByName('Production') as FakeSheet;
  spreadsheet.setActiveSheet(tab);
}, 60_000);

afterAll(async () => {
  await addon?.close();
  await worker?.stop();
});

/** The sidebar (or dialog) the last menu action showed, as its page was given it. */
function shown(): SidebarData {
  return pageData<SidebarData>(addon.ui.last().html);
}

function onlyTab(): SidebarData['tabs'][number] {
  const { tabs } = shown();
  expect(tabs).toHaveLength(1);
  return tabs[0] as SidebarData['tabs'][number];
}

const lastRequest = () => addon.urlFetch.requests.at(-1);

function sheetPost(body: unknown, token: string, path = '/admin/v1/datasets/production/sheet') {
  return fetch(`${worker.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the Assay add-on against the Worker', () => {
  it('asks for its settings before anything else, and sends nothing', () => {
    addon.call('assayCheckTab');
    expect(shown()).toMatchObject({ heading: 'Assay needs its settings', tabs: [] });
    expect(addon.urlFetch.requests).toEqual([]);
  });

  it('keeps the Worker URL and token in the script properties, the token masked, never in a cell', () => {
    addon.call('assaySettings');
    expect(addon.ui.last()).toMatchObject({ kind: 'modal', title: 'Assay settings' });
    expect(pageData<SettingsData>(addon.ui.last().html)).toEqual({ url: '', token: '' });

    expect(
      addon.call('assaySaveSettings', { url: 'http://assay.example.org', token: publishToken }),
    ).toHaveProperty('error');
    expect(
      addon.call('assaySaveSettings', { url: `${worker.url}/`, token: `editors:${publishToken}` }),
    ).toEqual({
      saved: true,
    });
    expect(addon.scriptProperties.getProperties()).toEqual({
      ASSAY_URL: worker.url,
      ASSAY_TOKEN: publishToken,
    });

    addon.call('assaySettings');
    const html = addon.ui.last().html;
    expect(pageData<SettingsData>(html)).toEqual({
      url: worker.url,
      token: `••••••••${publishToken.slice(-4)}`,
    });
    expect(html).not.toContain(publishToken);
    // An empty token field keeps the saved token.
    expect(addon.call('assaySaveSettings', { url: worker.url, token: '' })).toEqual({ saved: true });
    expect(addon.scriptProperties.getProperty('ASSAY_TOKEN')).toBe(publishToken);
    for (const sheet of spreadsheet.getSheets())
      for (const row of sheet.getDataRange().getDisplayValues())
        expect(row.join('')).not.toContain(publishToken);
  });

  it('checks a good tab: what publishing would change, and nothing published', async () => {
    addon.call('assayCheckTab');
    expect(onlyTab()).toMatchObject({
      tab: 'Production',
      kind: 'checked',
      summary: 'No problems: 4 rows. Publishing would add 4 rows (+4 −0 ~0).',
      problems: [],
    });
    expect(lastRequest()).toMatchObject({
      url: `${worker.url}/admin/v1/datasets/production/sheet`,
      method: 'POST',
      headers: { authorization: `Bearer ${publishToken}`, 'content-type': 'application/json' },
      body: { dryRun: true, sheet: { title: 'Production' } },
      status: 200,
    });
    expect(await served(worker, 'production')).toBeNull();
  });

  it('publishes the tab: the rows the sync would publish from the same sheet', async () => {
    addon.call('assayPublishTab');
    expect(onlyTab()).toMatchObject({
      kind: 'published',
      summary: 'Published version 1 (+4 −0 ~0)',
      page: `${worker.url}/datasets/production`,
    });
    const rows = csvTabs().get('Production') ?? [];
    const throughTheApi = tabCells([{ rowData: typedGrid(rows) }]);
    const latest = await served(worker, 'production');
    expect(latest?.version).toBe(1);
    expect(latest?.data).toEqual(validateTab(production, throughTheApi).rows);
    expect(latest?.data[1]).toMatchObject({ country: 'United States', share: 14, shareApproximate: true });
  });

  it('marks a broken cell, above the editor’s own note, and publishes nothing', async () => {
    tab.getRange('C3').setNote('USGS 2024 figure');
    tab.getRange('D2').setNote('checked by Ana');
    tab.getRange('B4').setBackground('#fff2cc');
    tab.type('C3', 'seventy');

    addon.call('assayCheckTab');
    const outcome = onlyTab();
    expect(outcome).toMatchObject({
      kind: 'problems',
      summary: '1 problem to fix before this tab can be published.',
    });
    expect(outcome.problems).toEqual([
      {
        cell: 'Production!C3',
        column: 'Share of global production (%)',
        message: 'expected a percentage, got "seventy"; write it like 70% or ~70%',
      },
    ]);
    const note = tab.getRange('C3').getNote();
    expect(note).toMatch(/^Assay: .*seventy/);
    expect(note.endsWith('\n\nUSGS 2024 figure')).toBe(true);
    expect(tab.getRange('C3').getBackground()).toBe('#f4cccc');

    addon.call('assayPublishTab');
    expect(onlyTab()).toMatchObject({
      kind: 'problems',
      summary: expect.stringContaining('nothing was published'),
    });
    expect((await served(worker, 'production'))?.version).toBe(1);
    // The editor's own note and colour elsewhere are as they were.
    expect(tab.getRange('D2').getNote()).toBe('checked by Ana');
    expect(tab.getRange('B4').getBackground()).toBe('#fff2cc');
  });

  it('selects a problem’s cell from the sidebar', () => {
    spreadsheet.setActiveSheet(spreadsheet.getSheetByName('Elements') as FakeSheet);
    expect(addon.call('assaySelectCell', 'Production!C3')).toEqual({ selected: 'Production!C3' });
    expect(spreadsheet.selection).toBe('Production!C3');
    expect(addon.call('assaySelectCell', 'Production!C3; =HYPERLINK()')).toHaveProperty('error');
    expect(addon.call('assaySelectCell', 'Nowhere!A1')).toEqual({
      error: 'There is no tab named “Nowhere” any more.',
    });
  });

  it('clears exactly its marks once the cell is fixed', () => {
    tab.type('C3', '~14%');
    addon.call('assayCheckTab');
    expect(onlyTab()).toMatchObject({
      kind: 'checked',
      summary: 'No problems: 4 rows, the same as the published version.',
    });
    expect(tab.getRange('C3').getNote()).toBe('USGS 2024 figure');
    expect(tab.getRange('C3').getBackground()).toBe('#ffffff');
    expect(tab.getRange('D2').getNote()).toBe('checked by Ana');
    expect(tab.getRange('B4').getBackground()).toBe('#fff2cc');
    expect(addon.documentProperties.getKeys().filter((key) => key.startsWith('ASSAY_MARKS'))).toEqual([]);
  });

  it('takes its note off a marked cell that moved, leaving the editor’s note', () => {
    tab.type('C3', 'seventy');
    addon.call('assayCheckTab');
    expect(tab.getRange('C3').getNote()).toMatch(/^Assay: /);
    // A row inserted above moves the marked cell (and its note) to C4; the mark was remembered at C3.
    tab.insertRowsBefore(2, 1);
    for (const [column, text] of Object.entries({ A: 'Vietnam', B: '2023', C: '~1%', D: 'USGS' }))
      tab.type(`${column}2`, text);
    tab.type('C4', '~14%');
    addon.call('assayCheckTab');
    expect(onlyTab()).toMatchObject({ kind: 'checked', summary: expect.stringContaining('(+1 −0 ~0)') });
    expect(tab.getRange('C4').getNote()).toBe('USGS 2024 figure');
    expect(tab.getRange('C3').getNote()).toBe('');
    tab.deleteRows(2, 1);
    tab.getRange('C3').setBackground(null);
  });

  it('publishes every dataset tab', async () => {
    addon.call('assayPublishAll');
    const { tabs } = shown();
    expect(tabs.map((t) => t.tab)).toEqual(datasets.map((d) => d.tab));
    for (const outcome of tabs)
      expect(outcome.summary).toEqual(
        outcome.tab === 'Production'
          ? 'Unchanged: version 1 already holds what this tab holds.'
          : expect.stringMatching(/^Published version 1 \(\+\d+ −0 ~0\)$/),
      );
    for (const dataset of datasets) expect((await served(worker, dataset.id))?.version).toBe(1);
  });

  it('links to the published page of the tab', () => {
    spreadsheet.setActiveSheet(tab);
    addon.call('assayOpenPage');
    expect(addon.ui.last()).toMatchObject({ kind: 'modeless', title: 'Open the published page' });
    expect(shown().links).toEqual([
      { text: 'Rare-earth production by country on Assay', href: `${worker.url}/datasets/production` },
    ]);
  });

  it('refuses a shrink a publish token cannot force, nor roll back', async () => {
    tab.deleteRows(2, 3);
    addon.call('assayCheckTab');
    expect(onlyTab()).toMatchObject({
      kind: 'refused',
      summary:
        'No problems in the cells, but publishing would be refused: it would remove 3 of the 4 rows, more than this dataset allows in one publish.',
    });
    addon.call('assayPublishTab');
    expect(onlyTab()).toMatchObject({
      kind: 'refused',
      summary: expect.stringMatching(/^Not published: this would remove 3 of the 4 rows/),
      advice: expect.stringContaining('ask someone with an admin token to publish anyway'),
    });
    expect(lastRequest()?.status).toBe(409);
    expect((await served(worker, 'production'))?.version).toBe(1);

    const body = { ...(lastRequest()?.body as object), force: true };
    const forced = await sheetPost(body, publishToken);
    expect(forced.status).toBe(403);
    expect(forced.headers.get('content-type')).toContain('application/problem+json');
    expect(((await forced.json()) as { detail: string }).detail).toMatch(/force/i);
    const rollback = await sheetPost({ version: 1 }, publishToken, '/admin/v1/datasets/production/rollback');
    expect(rollback.status).toBe(403);
    expect((await served(worker, 'production'))?.version).toBe(1);

    // An admin token may: the one row left is version 2.
    expect((await sheetPost(body, worker.adminToken)).status).toBe(201);
    expect((await served(worker, 'production'))?.data).toHaveLength(1);
  });

  it('does not replace a version published from elsewhere unseen, and does on a second publish', async () => {
    const rows = csvTabs().get('Production') ?? [];
    spreadsheet.sheets.splice(spreadsheet.sheets.indexOf(tab), 1);
    tab = spreadsheet.addTab('Production', rows);
    spreadsheet.setActiveSheet(tab);

    addon.call('assayPublishTab');
    expect(onlyTab()).toMatchObject({
      kind: 'refused',
      summary:
        'Not published: version 2 was published from somewhere else (a rollback, or the scheduled sync) after this spreadsheet last published (version 1).',
      advice: expect.stringContaining('publish again to replace version 2'),
    });
    expect((await served(worker, 'production'))?.version).toBe(2);

    addon.call('assayPublishTab');
    expect(onlyTab()).toMatchObject({ kind: 'published', summary: 'Published version 3 (+3 −0 ~0)' });
  });

  it('says what to do when the Worker refuses the token', () => {
    addon.scriptProperties.setProperty('ASSAY_TOKEN', 'not-the-token-at-all');
    addon.call('assayCheckTab');
    expect(onlyTab()).toMatchObject({
      kind: 'refused',
      advice: expect.stringContaining('Assay → Settings…'),
    });
    expect(lastRequest()?.status).toBe(401);
    addon.scriptProperties.setProperty('ASSAY_TOKEN', publishToken);
  });

  it('says which tabs are datasets when the active tab is not one, and sends nothing', () => {
    const before = addon.urlFetch.requests.length;
    spreadsheet.setActiveSheet(spreadsheet.insertSheet('Notes'));
    addon.call('assayCheckTab');
    expect(shown()).toMatchObject({
      notice: `“Notes” is not an Assay dataset tab. Assay publishes these tabs: ${datasets.map((d) => d.tab).join(', ')}.`,
      tabs: [],
    });
    expect(addon.urlFetch.requests).toHaveLength(before);
    addon.call('assayOpenPage');
    expect(shown().links).toEqual([{ text: 'Every dataset on Assay', href: `${worker.url}/` }]);
  });
});
