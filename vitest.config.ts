import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // Test-only tokens; the real ADMIN_TOKEN is a secret (`wrangler secret put`, or .dev.vars locally).
            miniflare: {
              bindings: {
                ADMIN_TOKEN: 'tests:test-admin-token,rotated:second-test-token',
                PUBLISH_TOKEN: 'editors:test-publish-token',
              },
            },
          }),
        ],
        test: { name: 'worker', include: ['test/worker/**/*.test.ts', 'src/**/*.test.{ts,tsx}'] },
      },
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts', 'scripts/**/*.test.ts', 'sheet/**/*.test.ts'],
          environment: 'node',
          // Builds the Worker once for the Node tests that run it (test/node/support/worker.ts).
          globalSetup: ['test/node/support/global-setup.ts'],
          // wrangler's info lines ("Using secrets defined in .dev.vars", once per Worker started) are noise here.
          env: { WRANGLER_LOG: 'warn' },
        },
      },
    ],
  },
});
