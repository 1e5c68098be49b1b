/** The closing `tests: N passed, N failed` line counts every failure of a run, not only tests. */
import { describe, expect, it } from 'vitest';
import { scratch } from './support/cli.js';
import { summaryLine } from './support/summary-reporter.js';
import { lendNodeModules, vitest, writeReporterConfig } from './support/vitest.js';

describe('the closing line', () => {
  it('a test file that fails to load counts as failed and the line says so (it said "155 passed, 0 failed"); so do a failing afterAll hook and an uncaught error', async () => {
    // One vitest run of its own, with the project's reporter, fed a file of each kind.
    const dir = scratch({
      'passing.test.ts': `import { expect, it } from 'vitest';\nit('passes', () => expect(1).toBe(1));\n`,
      'broken.test.ts': `import { it } from 'vitest';\nimport { x } from './missing.js';\nit('never runs', () => void x);\n`,
      'failing.test.ts': `import { expect, it } from 'vitest';\nit('passes', () => expect(1).toBe(1));\nit('fails', () => expect(1).toBe(2));\nit.skip('skipped', () => {});\n`,
      'hook.test.ts': `import { afterAll, describe, expect, it } from 'vitest';\ndescribe('suite', () => {\n  afterAll(() => {\n    throw new Error('hook');\n  });\n  it('passes', () => expect(1).toBe(1));\n});\n`,
      'uncaught.test.ts': `import { it } from 'vitest';\nit('throws later', async () => {\n  setTimeout(() => {\n    throw new Error('late');\n  }, 1);\n  await new Promise((resolve) => setTimeout(resolve, 50));\n});\n`,
    });
    lendNodeModules(dir);
    writeReporterConfig(dir);
    const result = await vitest(dir);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('tests: '))).toEqual([
      'tests: 4 passed, 4 failed, 1 skipped; 1 file failed to load, 2 errors outside tests',
    ]);
    expect(result.status).toBe(1);
  });

  it('a clean run says 0 failed and names no other failure', () => {
    const clean = { passed: 155, failedTests: 0, skipped: 0, filesFailedToLoad: 0, errorsOutsideTests: 0 };
    expect(summaryLine(clean)).toBe('tests: 155 passed, 0 failed, 0 skipped');
    expect(summaryLine({ ...clean, failedTests: 2, filesFailedToLoad: 2 })).toBe(
      'tests: 155 passed, 4 failed, 0 skipped; 2 files failed to load',
    );
  });
});
