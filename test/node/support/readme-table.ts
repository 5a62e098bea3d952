import { readme } from './readme.ts';

/**
 * What each row of the first table under a README heading names: the first `code` span of its first
 * cell (`GET /v1/datasets`, `RETENTION`), the way the README's reference tables begin every row.
 */
export function readmeTableNames(heading: string): string[] {
  const start = readme.search(new RegExp(`^${heading.replace(/[()]/g, '\\$&')}$`, 'm'));
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const section = readme.slice(start).split(/^## /m)[1] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  if (rows.length < 3) throw new Error(`README.md has no table under "${heading}"`);
  // The header row and the |---| row name nothing.
  return rows.slice(2).map((row) => /^\|\s*`([^`]+)`/.exec(row)?.[1] ?? row);
}
