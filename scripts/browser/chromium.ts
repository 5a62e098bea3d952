import sparticuz from '@sparticuz/chromium';
import { type Browser, chromium } from 'playwright-core';

/**
 * A real Chromium: the binary the npm package @sparticuz/chromium ships (unpacked into the temp
 * folder, no download), driven by playwright-core. Its own `chromium.args` are left out on purpose:
 * they run a single process and turn web security off, which would hide CSP and cross-origin faults.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await sparticuz.executablePath(), args: ['--no-sandbox'] });
}
