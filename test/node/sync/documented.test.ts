import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { syncEnvironment } from '../../../scripts/sync/environment.ts';
import { cliOptions } from '../../../scripts/sync/options.ts';
import { readme } from '../support/readme.ts';

const root = join(import.meta.dirname, '../../..');

/** How a reader meets an option: `--name`, or `--no-name` for a switch that is on by default. */
const spellings = (name: string, type: string) =>
  type === 'boolean' ? [`--${name}`, `--no-${name}`] : [`--${name}`];
const mentions = (text: string, forms: string[]) =>
  forms.some((form) => new RegExp(`${form}(?![\\w-])`).test(text));

/** Every variable a script reads from process.env by name, found in the code rather than listed by hand. */
function variablesRead(): string[] {
  const files = readdirSync(join(root, 'scripts'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  const names = files.flatMap((file) =>
    [
      ...readFileSync(join(root, 'scripts', file), 'utf8').matchAll(
        /process\.env(?:\.|\[')([A-Z][A-Z0-9_]*)/g,
      ),
    ].map((m) => m[1] ?? ''),
  );
  return [...new Set(names)];
}

describe('every setting of the sync is documented (a new one fails here until it is)', () => {
  let help = '';
  beforeAll(async () => {
    help = (await promisify(execFile)(process.execPath, ['scripts/sync.ts', '--help'], { cwd: root })).stdout;
  });

  it.each(Object.entries(cliOptions))('option %s is in --help and in the README', (name, { type }) => {
    expect(mentions(help, spellings(name, type)), `--help lacks --${name}`).toBe(true);
    expect(mentions(readme, spellings(name, type)), `README.md lacks --${name}`).toBe(true);
  });

  it.each(Object.keys(syncEnvironment.shape))('variable %s is in --help and in the README', (name) => {
    expect(help).toMatch(new RegExp(`\\b${name}\\b`));
    expect(readme).toMatch(new RegExp(`\`${name}\``));
  });

  it('the scripts read no variable by name that the sync environment does not list', () => {
    const listed = Object.keys(syncEnvironment.shape);
    expect(variablesRead().length).toBeGreaterThan(0);
    expect(variablesRead().filter((name) => !listed.includes(name))).toEqual([]);
  });
});
