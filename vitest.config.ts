import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'emulators/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine.
    // Most suites wait on sockets, child processes and PostgreSQL rather than the CPU, so three
    // workers overlap that waiting (measured: see docs/STATUS.md).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
