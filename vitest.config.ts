import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    // Vitest takes one worker per core but one on a 2-core machine; most of the slow files wait
    // on child processes (the CLI, watch, Chromium), so two workers overlap their waits.
    maxWorkers: 2,
  },
});
