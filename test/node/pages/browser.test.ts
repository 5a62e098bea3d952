import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { datasets } from '../../../src/datasets/registry.ts';
import { contextOptions, launchBrowser, visit } from '../support/browser.ts';
import { startWorker, type TestWorker } from '../support/worker.ts';
import { syncFiles } from '../sync/helpers.ts';

/**
 * The pages in a real Chromium against the built Worker on loopback, with the fixture workbook
 * published through the sync and one more version of production, so the history has changes.
 */
let worker: TestWorker;
let browser: Browser;
let light: BrowserContext;
let host: { url: string; server: Server; html: string };

const pages = [
  '/',
  ...datasets.map((d) => `/datasets/${d.id}`),
  '/datasets/production/versions/1',
  '/datasets/production/versions',
  '/datasets/production?sort=-share&limit=2',
  '/embed/production',
  '/embed/timeline?view=table',
  '/datasets/nope',
  '/datasets/production?sort=nope',
];

/** A page on another origin (another loopback port), whose HTML the test sets. */
async function startHost(): Promise<typeof host> {
  const state = { html: '' };
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(state.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/`, server });
}

beforeAll(async () => {
  worker = await startWorker();
  // A generous retry budget: a cold Worker on a busy machine can take more than the default test budget.
  expect((await syncFiles(worker, { retryBudgetMs: 30_000 })).exitCode).toBe(0);
  const latest = (await (await fetch(`${worker.url}/v1/datasets/production`)).json()) as {
    data: Record<string, unknown>[];
  };
  const rows = latest.data.map((row) => (row.country === 'China' ? { ...row, share: 69 } : row));
  const put = await fetch(`${worker.url}/admin/v1/datasets/production`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${worker.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rows }),
  });
  expect(put.status).toBe(201);
  browser = await launchBrowser();
  light = await browser.newContext(contextOptions.light);
  host = await startHost();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  host?.server.close();
  await worker?.stop();
});

const origin = (url: string) => new URL(url).origin;
/** A frame on a busy machine can take longer than expect.poll's default second to load. */
const patient = { timeout: 15_000 };

// A page load is a second or so on a busy machine; axe takes a few per page.
vi.setConfig({ testTimeout: 120_000 });

describe('every page', () => {
  it('renders with no console error and no request to another origin', async () => {
    for (const path of pages) {
      const { page, errors, requests } = await visit(light, worker.url + path);
      // Chromium reports an error status of the page itself on the console; nothing else may appear.
      const status = (await page.request.get(worker.url + path)).status();
      const own = `Failed to load resource: the server responded with a status of ${status} (${status === 404 ? 'Not Found' : 'Bad Request'})`;
      expect(errors, path).toEqual(status === 200 ? [] : [own]);
      expect(requests.filter((r) => origin(r) !== worker.url)).toEqual([]);
      expect(await page.locator('h1').count(), path).toBe(1);
    }
  });

  it('has no serious or critical accessibility violation, in light and dark', async () => {
    const dark = await browser.newContext(contextOptions.dark);
    // One page of each kind; in dark mode only the colours change, so only contrast is checked again.
    const kinds = [
      '/',
      '/datasets/production',
      '/datasets/timeline',
      '/datasets/production/versions',
      '/embed/production',
      '/embed/timeline?view=table',
      '/datasets/nope',
    ];
    const runs = [
      ...kinds.map((path) => ({ context: light, path, rules: undefined })),
      ...kinds.slice(0, 3).map((path) => ({ context: dark, path, rules: ['color-contrast'] })),
    ];
    for (const { context, path, rules } of runs) {
      const { page } = await visit(context, worker.url + path);
      const axe = new AxeBuilder({ page });
      const results = await (rules ? axe.withRules(rules) : axe).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        `${path}${rules ? ' (dark)' : ''}`,
      ).toEqual([]);
    }
    await dark.close();
  });

  it('is readable at 360 px: nothing but the table box scrolls sideways; headings in order', async () => {
    const narrow = await browser.newContext(contextOptions.narrow);
    for (const path of ['/', '/datasets/production', '/datasets/elements', '/datasets/production/versions']) {
      const { page } = await visit(narrow, worker.url + path);
      const widths = (await page.evaluate(
        '[document.documentElement.scrollWidth, window.innerWidth]',
      )) as number[];
      expect(widths[0], path).toBeLessThanOrEqual(widths[1] ?? 0);
      const levels = await page.$$eval('h1, h2, h3, h4', (hs) => hs.map((h) => Number(h.tagName[1])));
      expect(levels[0]).toBe(1);
      for (let i = 1; i < levels.length; i++)
        expect(levels[i] ?? 0, path).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1);
    }
    await narrow.close();
  });

  it('is keyboard reachable: the skip link first, then every link and the table box in turn', async () => {
    const { page } = await visit(light, `${worker.url}/datasets/production`);
    await page.keyboard.press('Tab');
    // Page functions are strings here: the Node tests' types have no DOM.
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    const focusable = await page.$$eval('a[href], [tabindex="0"], textarea', (els) => els.length);
    const reached = new Set<string>();
    for (let i = 0; i < focusable + 2; i++) {
      await page.keyboard.press('Tab');
      reached.add((await page.evaluate('document.activeElement.outerHTML.slice(0, 80)')) as string);
    }
    expect(reached.size).toBeGreaterThanOrEqual(focusable - 1);
    expect([...reached].some((html) => html.startsWith('<section class="table-box"'))).toBe(true);
  });
});

async function tableColumn(page: Page, index: number): Promise<string[]> {
  return page.$$eval(`tbody tr td:nth-child(${index})`, (cells) => cells.map((c) => c.textContent ?? ''));
}

describe('the dataset page', () => {
  it('draws a mark per row of the table', async () => {
    for (const id of ['production', 'dependence']) {
      const { page } = await visit(light, `${worker.url}/datasets/${id}`);
      const rows = await page.locator('tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      expect(await page.locator('svg.chart .mark').count()).toBe(rows);
      expect(await page.locator('svg.chart[role="img"] desc').textContent()).toMatch(/^Bar chart of /);
    }
    const { page } = await visit(light, `${worker.url}/datasets/timeline`);
    const dated = await page.$$eval(
      'tbody tr td:nth-child(2)',
      (cells) => cells.filter((c) => /\d/.test(c.textContent ?? '')).length,
    );
    expect(await page.locator('svg.chart circle.mark').count()).toBe(dated);
  });

  it('sorts and pages with JavaScript off, through links', async () => {
    const noScript = await browser.newContext(contextOptions.noScript);
    const { page } = await visit(noScript, `${worker.url}/datasets/production`);
    await page.getByRole('link', { name: /^Share of global production/ }).click();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('share');
    const ascending = await tableColumn(page, 3);
    expect(ascending).toEqual(
      [...ascending].sort(
        (a, b) => Number.parseFloat(a.replace('~', '')) - Number.parseFloat(b.replace('~', '')),
      ),
    );
    await page.getByRole('link', { name: /^Share of global production/ }).click();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-share');
    expect(await tableColumn(page, 3)).toEqual([...ascending].reverse());

    await page.goto(`${worker.url}/datasets/elements?limit=5`);
    const first = await tableColumn(page, 1);
    await page.getByRole('link', { name: /^Next 5 rows/ }).click();
    expect(new URL(page.url()).searchParams.get('offset')).toBe('5');
    const second = await tableColumn(page, 1);
    expect(second).toHaveLength(5);
    expect(second).not.toEqual(first);
    await page.getByRole('link', { name: /^← Previous 5 rows/ }).click();
    expect(await tableColumn(page, 1)).toEqual(first);
    await noScript.close();
  });

  it('shows the history with each change, before → after, linking the pinned pages', async () => {
    const { page } = await visit(light, `${worker.url}/datasets/production/versions`);
    expect(await page.locator('section').first().textContent()).toContain(
      'China, 2023: Share of global production (%) ~70% → ~69%',
    );
    await page.getByRole('link', { name: 'Version 1' }).click();
    expect(new URL(page.url()).pathname).toBe('/datasets/production/versions/1');
    expect(await page.locator('tbody td.num').first().textContent()).toBe('2023');
  });
});

describe('embeds', () => {
  it('render inside an iframe on a page of another origin, and tell it their height', async () => {
    host.html = `<!doctype html><html lang="en"><title>Article</title><h1>Article</h1>
<script>window.heights=[];addEventListener('message',e=>{if(e.data&&e.data.assay==='resize')heights.push(e.data.height)})</script>
<iframe src="${worker.url}/embed/production" title="Chart" width="600" height="300"></iframe>`;
    const { page, errors } = await visit(light, host.url);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.locator('svg.chart .mark').count(), patient).toBe(4);
    expect(await frame.locator('footer').textContent()).toMatch(/Data as of version 2, .* · Get the data$/);
    await expect.poll(() => page.evaluate('window.heights.length'), patient).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('an oEmbed answer carries an iframe that loads', async () => {
    const url = encodeURIComponent(`${worker.url}/datasets/production/versions/1`);
    const answer = (await (await fetch(`${worker.url}/oembed?url=${url}&maxwidth=480`)).json()) as {
      type: string;
      html: string;
      width: number;
    };
    expect(answer).toMatchObject({ type: 'rich', width: 480 });
    host.html = `<!doctype html><html lang="en"><title>CMS</title><h1>Post</h1>${answer.html}`;
    const { page, errors } = await visit(light, host.url);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.locator('footer').textContent(), patient).toMatch(/Data as of version 1, /);
    expect(errors).toEqual([]);
  });

  it("the dataset page's embed code works pasted into a blank HTML file", async () => {
    const { page } = await visit(light, `${worker.url}/datasets/timeline`);
    const code = await page.locator('#embed-pinned').inputValue();
    const dir = await mkdtemp(join(tmpdir(), 'assay-embed-'));
    const file = join(dir, 'blank.html');
    await writeFile(file, `<!doctype html><html lang="en"><title>Blank</title>${code}`);
    const opened = await visit(light, pathToFileURL(file).href);
    const frame = opened.page.frameLocator('iframe');
    await expect.poll(() => frame.locator('circle.mark').count(), patient).toBe(3);
    expect(await frame.locator('footer').textContent()).toMatch(/Data as of version 1, /);
    await rm(dir, { recursive: true });
  });

  it('cannot be framed outside /embed/', async () => {
    host.html = `<!doctype html><html lang="en"><title>Thief</title><iframe src="${worker.url}/datasets/production"></iframe>`;
    const { page } = await visit(light, host.url);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(
      await frame
        ?.locator('h1')
        .count()
        .catch(() => 0),
    ).toBe(0);
  });
});
