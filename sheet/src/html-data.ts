/** Where the script puts a page's data into its HTML (in sheet/src/ui/*.html). */
export const dataSlot = '<!-- assay:data -->';

/**
 * Data for a page as a JSON script element. `<`, `>` and `&` are escaped (and the two JavaScript line
 * separators), so no value, however an editor wrote it, can end the element or be read as markup.
 */
export function dataElement(data: unknown): string {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<script type="application/json" id="assay-data">${json}</script>`;
}

export function withData(html: string, data: unknown): string {
  if (!html.includes(dataSlot)) throw new Error('The page has no place for its data.');
  return html.replace(dataSlot, () => dataElement(data));
}
