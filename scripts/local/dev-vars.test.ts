import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocalTokens, parseDevVars } from './dev-vars.ts';

describe('ensureLocalTokens', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-dev-vars-'));
    dirs.push(dir);
    return join(dir, '.dev.vars');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes an admin and a publish token to a new file, readable only by its owner, once', () => {
    const path = fresh();
    expect(ensureLocalTokens(path).created).toEqual(['an admin token', 'a publish token']);
    const vars = parseDevVars(readFileSync(path, 'utf8'));
    expect(vars.ADMIN_TOKEN).toMatch(/^local:[\w-]{32}$/);
    expect(vars.PUBLISH_TOKEN).toMatch(/^editors:[\w-]{32}$/);
    expect(vars.ADMIN_TOKEN?.split(':')[1]).not.toBe(vars.PUBLISH_TOKEN?.split(':')[1]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(ensureLocalTokens(path).created).toEqual([]);
    expect(parseDevVars(readFileSync(path, 'utf8'))).toEqual(vars);
  });

  it('adds only what an older file lacks, keeping everything in it', () => {
    const path = fresh();
    writeFileSync(path, 'ADMIN_TOKEN=mine:kept\nRETENTION=3');
    expect(ensureLocalTokens(path).created).toEqual(['a publish token']);
    const vars = parseDevVars(readFileSync(path, 'utf8'));
    expect(vars).toMatchObject({ ADMIN_TOKEN: 'mine:kept', RETENTION: '3' });
    expect(vars.PUBLISH_TOKEN).toMatch(/^editors:/);
  });
});
