import { defineConfig } from 'vitest/config';

/**
 * `npm run test:corpus`: the real originals of ../shared/originals imported and measured against
 * their expected sources. Not part of `npm test` (the originals are not in the project).
 */
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 120_000,
    maxWorkers: 1,
  },
});
