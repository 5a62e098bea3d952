import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildAddon, distDir } from '../../../scripts/sheet/build.ts';
import { loadAddon } from './support/addon.ts';
import type { MenuItem } from './support/services.ts';
import { fixtureSpreadsheet } from './support/workbook.ts';

/** What sheet/dist holds: what an editor pastes, so it must be the build of the current sources. */
describe('sheet/dist', () => {
  it('is what npm run build:sheet makes from sheet/src and the catalogue (run it and commit)', async () => {
    for (const [name, text] of await buildAddon())
      expect(await readFile(join(distDir, name), 'utf8'), `sheet/dist/${name} is stale`).toBe(text);
  }, 60_000);

  it('asks for the three scopes the add-on needs, and no other', async () => {
    const manifest = JSON.parse(await readFile(join(distDir, 'appsscript.json'), 'utf8'));
    expect(manifest).toMatchObject({ runtimeVersion: 'V8' });
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
  });
});

describe('Code.js', () => {
  const handlers = [
    'onOpen',
    'onInstall',
    'assayCheckTab',
    'assayPublishTab',
    'assayPublishAll',
    'assayOpenPage',
    'assaySettings',
    'assaySaveSettings',
    'assaySelectCell',
  ];

  it('is a plain script whose handlers are top-level function declarations', async () => {
    const code = await readFile(join(distDir, 'Code.js'), 'utf8');
    // A script, not a module: `import`/`export` would not compile here.
    // Declarations are hoisted: they exist before the script's first statement runs, which is how
    // Apps Script sees them; `var f = function…` or `globalThis.f = …` would still be undefined.
    const probe = `var hoisted = { ${handlers.map((name) => `${name}: typeof ${name}`).join(', ')} };\n`;
    const global = vm.createContext({});
    vm.runInContext(probe + code, global, { filename: 'Code.gs' });
    expect(global.hoisted).toEqual(Object.fromEntries(handlers.map((name) => [name, 'function'])));
  });

  it('calls no service while loading, as Apps Script loads it for every call', async () => {
    const code = await readFile(join(distDir, 'Code.js'), 'utf8');
    expect(() => vm.runInContext(code, vm.createContext({}))).not.toThrow();
  });

  it('adds the Assay menu, each item calling a handler of the script', async () => {
    const addon = loadAddon(fixtureSpreadsheet());
    try {
      addon.call('onOpen');
      const [menu] = addon.ui.menus;
      expect(menu?.name).toBe('Assay');
      const items = (menu?.items ?? []).filter((item): item is MenuItem => item !== 'separator');
      expect(items.map((item) => item.caption)).toEqual([
        'Check this tab',
        'Publish this tab',
        'Publish all tabs',
        'Open the published page',
        'Settings…',
      ]);
      for (const item of items) expect(handlers).toContain(item.functionName);
    } finally {
      await addon.close();
    }
  });
});
