import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPort } from '../../scripts/local/port.ts';

const root = join(import.meta.dirname, '../..');

/** The scripts' own code: every .ts file under scripts/, tests aside. */
const scriptFiles = readdirSync(join(root, 'scripts'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => ({ path: `scripts/${file}`, text: readFileSync(join(root, 'scripts', file), 'utf8') }));

const importsOf = (text: string) => [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');

describe('the scripts layout', () => {
  it('writes the default port in one place', () => {
    const writing = scriptFiles.filter(({ text }) => new RegExp(`\\b${defaultPort}\\b`).test(text));
    expect(writing.map((f) => f.path)).toEqual(['scripts/local/port.ts']);
  });

  it('keeps the sync free of npm start: what both use lives in scripts/local/ or scripts/net/', () => {
    const fromSync = scriptFiles
      .filter(({ path }) => path.startsWith('scripts/sync'))
      .flatMap(({ path, text }) =>
        importsOf(text)
          .filter((spec) => spec.startsWith('.'))
          .map((spec) => relative(root, join(root, path, '..', spec)))
          .filter((target) => target.startsWith('scripts/start'))
          .map((target) => `${path} → ${target}`),
      );
    expect(fromSync).toEqual([]);
  });
});
