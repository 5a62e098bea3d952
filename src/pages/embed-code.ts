import { chartHeight } from './chart.tsx';

/** How tall an embed's iframe starts: the chart (or a table page) plus the footer; the script refines it. */
export function embedHeight(marks: number): number {
  return chartHeight(Math.min(marks, 50)) + 96;
}

const escapeAttribute = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The HTML a site pastes (and the oEmbed answer carries): one iframe, readable at any width. */
export function embedCode(src: string, title: string, width: number | '100%', height: number): string {
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="${width}" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}
