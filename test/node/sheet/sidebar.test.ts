import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeGoogleScript, sampleData, samplePages } from '../../../scripts/sheet/sample-pages.ts';
import { dataElement } from '../../../sheet/src/html-data.ts';
import { launchBrowser } from '../support/browser.ts';

/**
 * The add-on's pages (sheet/dist) in the browser tests' Chromium, as Sheets shows them: the sidebar
 * 300 px wide, with `google.script` faked as Apps Script provides it. Axe checks, and what an editor
 * does there: select a problem's cell, follow the link, save settings.
 */
const url = 'https://assay.example.org';
let browser: Browser;
let context: BrowserContext;
let pages: Record<string, string>;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 300, height: 600 } });
  await context.addInitScript(fakeGoogleScript);
  pages = await samplePages(url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

vi.setConfig({ testTimeout: 60_000 });

/** A page with its console errors and any request it makes (it should make none). */
async function open(html: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  await page.setContent(html, { waitUntil: 'load' });
  return { page, errors, requests };
}

const scriptCalls = (page: Page) =>
  page.evaluate('window.scriptCalls') as Promise<{ name: string; argument: unknown }[]>;

describe('the sidebar', () => {
  it.each(['sidebar-check', 'sidebar-publish', 'settings'])(
    '%s passes axe, loads nothing, logs no error',
    async (name) => {
      const { page, errors, requests } = await open(pages[name] as string);
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests.filter((r) => !r.startsWith('about:'))).toEqual([]);
      await page.close();
    },
  );

  it('lists problems by cell, each selecting its cell through the script', async () => {
    const { page } = await open(pages['sidebar-check'] as string);
    await expect(page.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Production');
    const problems = page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    expect(await problems.allTextContents()).toEqual(
      sampleData(url).check.tabs[0]?.problems.map((p) => `${p.cell} ${p.column}: ${p.message}`),
    );
    await page.getByRole('button', { name: 'Production!C3' }).click();
    await expect
      .poll(() => scriptCalls(page))
      .toEqual([{ name: 'assaySelectCell', argument: 'Production!C3' }]);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Selected Production!C3.');
    await page.close();
  });

  it('links each published tab to its page, in a new tab', async () => {
    const { page } = await open(pages['sidebar-publish'] as string);
    await expect(page.getByText('Published version 5 (+2 −0 ~1)').count()).resolves.toBe(1);
    const link = page.getByRole('link', { name: 'See Production on Assay' });
    await expect(link.getAttribute('href')).resolves.toBe(`${url}/datasets/production`);
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await page.close();
  });

  it('shows what an editor typed as text, never as markup', async () => {
    const html = (pages['sidebar-check'] as string).replace(
      /<script type="application\/json" id="assay-data">.*?<\/script>/s,
      () =>
        dataElement({
          ...sampleData(url).check,
          tabs: [
            {
              tab: 'P',
              kind: 'problems',
              summary: 's',
              problems: [{ cell: 'P!A2', message: 'got "<img src=x onerror=alert(1)>"' }],
              warnings: [],
            },
          ],
        }),
    );
    const { page } = await open(html);
    await expect(page.locator('img').count()).resolves.toBe(0);
    await expect(page.getByText('got "<img src=x onerror=alert(1)>"').count()).resolves.toBe(1);
    await page.close();
  });
});

describe('the settings dialog', () => {
  it('shows the saved token masked, saves through the script, and closes', async () => {
    const { page } = await open(pages.settings as string);
    await expect(page.getByLabel('Worker URL').inputValue()).resolves.toBe(url);
    await expect(page.getByLabel('Publish token').inputValue()).resolves.toBe('');
    await expect(
      page.getByText('Saved token: ••••••••3f9a. Leave the field empty to keep it.').count(),
    ).resolves.toBe(1);

    await page.getByLabel('Worker URL').fill('http://assay.example.org');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('The Worker URL must start with https://.');
    await expect(page.evaluate('window.dialogClosed')).resolves.toBe(false);

    await page.getByLabel('Worker URL').fill(url);
    await page.getByLabel('Publish token').fill('editors:new-token-1234');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.evaluate('window.dialogClosed')).toBe(true);
    expect((await scriptCalls(page)).at(-1)).toEqual({
      name: 'assaySaveSettings',
      argument: { url, token: 'editors:new-token-1234' },
    });
    await page.close();
  });
});
