import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The browser suite (`npm run test:e2e`): Chromium drives the built console against a real
 * `rollcall start`. One file at a time (each starts its own server and browser), long timeouts.
 */
export default defineConfig({
  test: {
    root: ROOT,
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
