import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { notModifiedHeaders, trimNotModified } from './not-modified.ts';

const answered = {
  etag: '"v1-a"',
  'cache-control': 'public, max-age=5',
  vary: 'Accept',
  'last-modified': 'Mon, 30 Nov 2026 06:04:52 GMT',
  'cache-tag': 'assay,assay:x',
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag',
  'content-type': 'application/json',
  'content-length': '10',
  'content-security-policy': "default-src 'none'",
  'strict-transport-security': 'max-age=15552000',
  'x-content-type-options': 'nosniff',
  link: '</v1/feed.atom>; rel="alternate"',
};
const carried = [
  'access-control-allow-origin',
  'access-control-expose-headers',
  'cache-control',
  'cache-tag',
];
const expected = [...carried, 'etag', 'last-modified', 'vary'];

describe('the headers of a 304', () => {
  it("keeps the caching fields, the contract's and CORS, and nothing of the body or the document", () => {
    const source = new Headers(answered);
    const notModified = notModifiedHeaders(source);
    expect([...notModified.keys()]).toEqual(expected);
    expect(notModified.get('etag')).toBe('"v1-a"');
    expect([...source.keys()]).toHaveLength(Object.keys(answered).length);
  });

  it('trims every 304 of an app after the headers added on the way out, and nothing else', async () => {
    const app = new Hono();
    app.use(trimNotModified);
    app.use(async (c, next) => {
      await next();
      c.res.headers.set('x-frame-options', 'DENY');
    });
    app.get('/x', (c) =>
      c.req.header('if-none-match') ? c.body(null, 304, answered) : c.body('{}', 200, answered),
    );
    const notModified = await app.request('/x', { headers: { 'if-none-match': '"v1-a"' } });
    expect(notModified.status).toBe(304);
    expect([...notModified.headers.keys()]).toEqual(expected);
    const ok = await app.request('/x');
    expect(ok.headers.get('x-frame-options')).toBe('DENY');
    expect(ok.headers.get('link')).toBe(answered.link);
  });
});
