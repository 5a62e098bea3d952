/**
 * `npm run screenshots`: PNGs of the main pages, in light, dark and 360 px wide, and of the Sheets
 * add-on's sidebar and settings dialog, into docs/screenshots/. The built Worker runs in Miniflare on
 * loopback with the fixture workbook published through the sync, and a real Chromium
 * (scripts/browser/chromium.ts) takes the pictures: nothing leaves the machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import type { BrowserContextOptions } from 'playwright-core';
import { launchBrowser } from './browser/chromium.ts';
import { fakeGoogleScript, samplePages } from './sheet/sample-pages.ts';
import { runSync } from './sync/run.ts';
import { bundledWorker } from './worker/bundled-worker.ts';
import { bundleWorker, root } from './worker/wrangler.ts';

const out = join(root, 'docs/screenshots');
const pages = {
  catalogue: '/',
  dataset: '/datasets/production',
  history: '/datasets/production/versions',
  embed: '/embed/production',
};
const modes: Record<string, BrowserContextOptions> = {
  light: { colorScheme: 'light', viewport: { width: 1200, height: 900 } },
  dark: { colorScheme: 'dark', viewport: { width: 1200, height: 900 } },
  '360px': { colorScheme: 'light', viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 },
};

const token = randomBytes(18).toString('base64url');
const miniflare = new Miniflare(
  convertV4MiniflareOptions({
    host: '127.0.0.1',
    port: 0,
    handleStructuredLogs: () => {},
    workers: [bundledWorker(await bundleWorker(), { ADMIN_TOKEN: `screenshots:${token}` })],
  }),
);
const browser = await launchBrowser();
try {
  const url = (await miniflare.ready).origin;
  const sync = await runSync(
    { source: 'file', target: url },
    { env: { ADMIN_TOKEN: token }, devVarsPath: join(out, 'no-such/.dev.vars') },
  );
  if (sync.exitCode !== 0) throw new Error(`Publishing the fixture workbook failed (exit ${sync.exitCode}).`);
  await mkdir(out, { recursive: true });
  for (const [mode, options] of Object.entries(modes)) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(url + path, { waitUntil: 'load' });
      const file = join(out, `${name}-${mode}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file.slice(root.length + 1)}`);
    }
    await context.close();
  }
  // The add-on's sidebar and settings dialog at the sizes Sheets shows them, with an example Worker URL.
  const addonSizes: Record<string, { width: number; height: number }> = {
    'sidebar-check': { width: 300, height: 520 },
    'sidebar-publish': { width: 300, height: 520 },
    settings: { width: 460, height: 420 },
  };
  const addon = await browser.newContext({ colorScheme: 'light', deviceScaleFactor: 2 });
  await addon.addInitScript(fakeGoogleScript);
  const page = await addon.newPage();
  for (const [name, html] of Object.entries(await samplePages('https://assay.example.org'))) {
    await page.setViewportSize(addonSizes[name] ?? { width: 300, height: 520 });
    await page.setContent(html, { waitUntil: 'load' });
    const file = join(out, `addon-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file.slice(root.length + 1)}`);
  }
  await addon.close();
} finally {
  await browser.close();
  await miniflare.dispose();
}
