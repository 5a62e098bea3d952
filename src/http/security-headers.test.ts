import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

const app = new Hono()
  .use(securityHeaders({ pages: ['/docs'] }))
  .get('/docs', (c) => c.html('<!doctype html><title>API</title>'))
  .get('/v1/data', (c) => c.json({ ok: true }));

const headersOf = async (path: string) => (await app.request(path)).headers;

describe('securityHeaders', () => {
  it('gives data the headers that act on a non-HTML answer, and forbids running or framing it', async () => {
    const headers = await headersOf('/v1/data');
    expect(headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    for (const htmlOnly of [
      'x-xss-protection',
      'x-download-options',
      'x-dns-prefetch-control',
      'origin-agent-cluster',
      'cross-origin-opener-policy',
      'x-permitted-cross-domain-policies',
    ])
      expect(headers.has(htmlOnly), htmlOnly).toBe(false);
  });

  it('gives an HTML page the full set, without the CSP that would stop its scripts', async () => {
    const headers = await headersOf('/docs');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(headers.has('content-security-policy')).toBe(false);
  });
});
