/**
 * `npm run build:sheet`: the Apps Script add-on from sheet/src into sheet/dist, the files an editor
 * pastes into Extensions → Apps Script (or `clasp push` sends): Code.js, Sidebar.html, Settings.html
 * and appsscript.json. sheet/dist is committed, so an editor needs no build; a test checks it is
 * what this build makes from the current sources.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { datasets } from '../../src/datasets/registry.ts';
import { root } from '../worker/wrangler.ts';

const src = join(root, 'sheet/src');
export const distDir = join(root, 'sheet/dist');

/** The global the bundle sits in; the handlers Apps Script finds are declared beside it. */
const bundleGlobal = 'AssayAddon';

const header =
  '// Assay for Google Sheets, built from sheet/src by `npm run build:sheet`: edit the sources, not this file.\n' +
  '// How to install it and what it does: docs/editors.md.\n';

/** Apps Script runs ES2019-era V8 features safely; the bundle is lowered to them. */
const target = 'es2019';

async function bundle(entry: string, options: { globalName?: string; define?: Record<string, string> }) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    target,
    platform: 'neutral',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    ...options,
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * The script: the bundle, then one top-level function declaration per export of main.ts. Apps Script
 * finds menu handlers, simple triggers and `google.script.run` targets only among such declarations.
 */
async function script(): Promise<string> {
  const entry = join(src, 'main.ts');
  const handlers = Object.keys(await import(pathToFileURL(entry).href)).sort();
  const catalogue = datasets.map(({ id, title, tab }) => ({ id, title, tab }));
  const code = await bundle(entry, {
    globalName: bundleGlobal,
    define: { ASSAY_DATASETS: JSON.stringify(catalogue) },
  });
  const declarations = handlers.map(
    (name) => `function ${name}(...args) {\n  return ${bundleGlobal}.${name}(...args);\n}\n`,
  );
  return `${header}${code}\n${declarations.join('\n')}`;
}

/** A page: its HTML with the stylesheet and its compiled script put inline (HtmlService serves one file). */
async function page(name: 'sidebar' | 'settings'): Promise<string> {
  const [html, style, code] = await Promise.all([
    readFile(join(src, `ui/${name}.html`), 'utf8'),
    readFile(join(src, 'ui/style.css'), 'utf8'),
    bundle(join(src, `ui/${name}.ts`), {}),
  ]);
  // Inline, `</` would end the element early; `<\/` means the same to JavaScript and CSS.
  const inline = (text: string) => text.replace(/<\//g, '<\\/').trim();
  return html
    .replace('/* assay:style */', () => `\n${inline(style)}\n`)
    .replace('/* assay:script */', () => `\n${inline(code)}\n`);
}

/** Every file of sheet/dist, by name. */
export async function buildAddon(): Promise<Map<string, string>> {
  const [code, sidebar, settings, manifest] = await Promise.all([
    script(),
    page('sidebar'),
    page('settings'),
    readFile(join(src, 'appsscript.json'), 'utf8'),
  ]);
  return new Map([
    ['Code.js', code],
    ['Sidebar.html', sidebar],
    ['Settings.html', settings],
    ['appsscript.json', manifest],
  ]);
}

if (import.meta.main) {
  await mkdir(distDir, { recursive: true });
  for (const [name, text] of await buildAddon()) {
    await writeFile(join(distDir, name), text);
    console.log(`wrote sheet/dist/${name} (${Buffer.byteLength(text)} bytes)`);
  }
}
