import type { Child, FC } from 'hono/jsx';
import type { Assets } from './assets.ts';

export interface DocumentProps {
  title: string;
  assets: Assets;
  /** Extra elements for <head>, such as the oEmbed discovery link. */
  head?: Child;
  /** Embeds drop the page chrome (skip link, catalogue link) and may load their height script. */
  embed?: boolean;
  children?: Child;
}

/** The shell of every page: language, viewport, the one hashed stylesheet, and nothing from elsewhere. */
export const Document: FC<DocumentProps> = ({ title, assets, head, embed, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <link rel="stylesheet" href={assets.stylesheet.path} />
      {head}
      {embed ? <script src={assets.embedScript.path} defer /> : null}
    </head>
    <body class={embed ? 'embed' : undefined}>
      {embed ? null : (
        <a class="skip" href="#main">
          Skip to content
        </a>
      )}
      <main id="main">{children}</main>
    </body>
  </html>
);

/** Serializes a page: hono/jsx renders synchronously here, as no component is async. */
export const documentHtml = (page: Child) => `<!doctype html>${String(page)}`;

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' });

/** "30 November 2026", from an ISO time. Pages say when in words and carry the exact time in <time>. */
export const dateInWords = (iso: string) => dateFormat.format(new Date(iso));

export const When: FC<{ iso: string }> = ({ iso }) => (
  <time datetime={iso}>
    {dateInWords(iso)}, {timeFormat.format(new Date(iso))} UTC
  </time>
);
