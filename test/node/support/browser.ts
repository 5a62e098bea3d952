import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export { launchBrowser } from '../../../scripts/browser/chromium.ts';

export interface Visit {
  page: Page;
  /** Console errors and uncaught exceptions, CSP violations among them. */
  errors: string[];
  /** Every URL the page requested. */
  requests: string[];
}

const pages = new WeakMap<BrowserContext, Visit>();

/**
 * Opens a URL in the context's one page, recording what a test wants to check afterwards. Reusing the
 * page saves starting a renderer per visit, which is most of a visit's time.
 */
export async function visit(context: BrowserContext, url: string): Promise<Visit> {
  let current = pages.get(context);
  if (!current || current.page.isClosed()) {
    const page = await context.newPage();
    const opened: Visit = { page, errors: [], requests: [] };
    page.on('console', (message) => {
      if (message.type() === 'error') opened.errors.push(message.text());
    });
    page.on('pageerror', (error) => opened.errors.push(String(error)));
    page.on('request', (request) => opened.requests.push(request.url()));
    pages.set(context, opened);
    current = opened;
  }
  current.errors.length = 0;
  current.requests.length = 0;
  await current.page.goto(url, { waitUntil: 'load' });
  return current;
}

export const contextOptions = {
  light: { colorScheme: 'light' },
  dark: { colorScheme: 'dark' },
  narrow: { viewport: { width: 360, height: 740 } },
  noScript: { javaScriptEnabled: false },
} satisfies Record<string, BrowserContextOptions>;
