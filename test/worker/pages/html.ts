const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
/** HTMLRewriter hands over text and attributes as written, entities and all. */
const decoded = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => entities[name] ?? '');

/** The text of every element a selector matches, read by workerd's own HTML parser (HTMLRewriter). */
export async function texts(html: string, selector: string): Promise<string[]> {
  const found: string[] = [];
  const open: number[] = [];
  await new HTMLRewriter()
    .on(selector, {
      element(element) {
        open.push(found.length);
        found.push('');
        element.onEndTag(() => {
          open.pop();
        });
      },
    })
    .on('*', {
      text(chunk) {
        for (const index of open) found[index] += chunk.text;
      },
    })
    .transform(new Response(html))
    .text();
  return found.map((text) => decoded(text).replace(/\s+/g, ' ').trim());
}

/** Every value of an attribute on the elements a selector matches. */
export async function attributes(html: string, selector: string, name: string): Promise<string[]> {
  const found: string[] = [];
  await new HTMLRewriter()
    .on(selector, {
      element(element) {
        const value = element.getAttribute(name);
        if (value !== null) found.push(decoded(value));
      },
    })
    .transform(new Response(html))
    .text();
  return found;
}
