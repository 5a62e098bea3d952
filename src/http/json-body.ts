import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env.ts';
import { problem } from './problem.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const jsonType = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** 413 past MAX_BODY_BYTES, from the config of the environment serving the request (it is a var). */
export const configuredBodyLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  const { maxBodyBytes } = c.var.config;
  return bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw problem(
        413,
        `The body is larger than the ${maxBodyBytes} bytes this Worker accepts (MAX_BODY_BYTES).`,
      );
    },
  })(c, next);
};

/**
 * Where the parse stopped, never the parser's own message: that quotes the body, which may hold
 * anything the client sent.
 */
export function whereItBreaks(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return ` (it breaks at character ${Number(position) + 1})`;
  if (/end of (JSON )?input/i.test(message)) return ' (it ends too early)';
  return '';
}

/**
 * 415 unless the body is declared JSON, 400 if it is not UTF-8 or does not parse. Checked here so that
 * every failure is a problem that says what to send; the route's validator parses the same bytes again.
 */
export const jsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!jsonType.test(type)) {
    const got = type ? `"${type.slice(0, 100)}"` : 'no Content-Type';
    throw problem(415, `Send the body as JSON with Content-Type: application/json; got ${got}.`);
  }
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    // A lenient decode would publish U+FFFD in place of every byte it could not read.
    throw problem(400, 'The body is not UTF-8 text: send the JSON encoded as UTF-8.');
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw problem(400, `The body is not valid JSON${whereItBreaks(error)}.`);
  }
  await next();
};
