import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolateTargets, openSession, sampleHeaps } from './heap-sampler.ts';

// A Worker whose JS heap grows by ~24 MB of live arrays of doubles (8 bytes each) when asked.
const script = `
const held = [];
export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === '/grow') {
      for (let i = 0; i < 24; i++) {
        held.push(Array.from({ length: 131072 }, (_, k) => k + i + 0.5));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    return new Response(String(held.length));
  },
};`;

describe('heap sampling through the inspector', () => {
  let miniflare: Miniflare;
  beforeAll(async () => {
    miniflare = new Miniflare(
      convertV4MiniflareOptions({
        host: '127.0.0.1',
        port: 0,
        inspectorPort: 0,
        workers: [
          { name: 'grows', modules: true, script, compatibilityDate: '2026-11-01' },
          { name: 'idle', modules: true, script, compatibilityDate: '2026-11-01' },
        ],
      }),
    );
    await miniflare.ready;
  });
  afterAll(() => miniflare.dispose());

  it("reads each Worker's own isolate heap while a request runs", async () => {
    const targets = await isolateTargets(await miniflare.getInspectorURL(), ['grows', 'idle']);
    const sessions = new Map(
      await Promise.all([...targets].map(async ([name, url]) => [name, await openSession(url)] as const)),
    );
    try {
      const sampling = await sampleHeaps(sessions, 20);
      const grows = await miniflare.getWorker('grows');
      expect(await (await grows.fetch('http://x/grow')).text()).toBe('24');
      const peaks = await sampling.stop();
      // The arrays stay live, so the peak holds them all.
      expect(peaks.grows?.peak_used_mb).toBeGreaterThan((peaks.grows?.before_mb ?? 0) + 20);
      expect(peaks.grows?.samples).toBeGreaterThan(3);
      // The other Worker is another isolate: it saw none of it.
      expect(peaks.idle?.peak_used_mb).toBeLessThan((peaks.idle?.before_mb ?? 0) + 5);
    } finally {
      for (const session of sessions.values()) session.close();
    }
  });

  it('names a Worker the inspector does not list', async () => {
    await expect(isolateTargets(await miniflare.getInspectorURL(), ['missing'])).rejects.toThrow(
      'The inspector lists no isolate for the Worker "missing"',
    );
  });
});
