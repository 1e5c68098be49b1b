import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real originals are not in the project: their corpus test is `npm run test:corpus`.
    exclude: [...configDefaults.exclude, 'test/corpus/**'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    // Vitest takes one worker per core but one on a 2-core machine; most of the slow files wait
    // on child processes (the CLI, watch, Chromium), so two workers overlap their waits.
    maxWorkers: 2,
  },
});
