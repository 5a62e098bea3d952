import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');

/** The body of the first README code block of this language whose text contains `containing`. */
export function readmeBlock(lang: string, containing: string): string {
  for (const match of readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm))
    if (match[1] === lang && match[2]?.includes(containing)) return match[2];
  throw new Error(`README.md has no \`\`\`${lang} block containing "${containing}"`);
}

/** The body of the first README code block of this language after the line holding `marker`. */
export function readmeBlockAfter(lang: string, marker: string): string {
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md does not contain "${marker}"`);
  const match = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(readme.slice(at));
  if (!match?.[1]) throw new Error(`README.md has no \`\`\`${lang} block after "${marker}"`);
  return match[1];
}
