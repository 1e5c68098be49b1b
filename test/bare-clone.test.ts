/**
 * A user's clone has nothing beside it: the tests that once read the reference folder next to the
 * repository pass in a fresh clone of HEAD that has no such folder, and no source or test names it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, scratch } from './support/cli.js';
import { lendNodeModules, vitest } from './support/vitest.js';

/** The test files that used to read the reference folder beside the clone. */
const FORMER_READERS = ['test/tables.spec.test.ts'];

// A path that climbs out of the repository into a sibling `shared` folder, however it is spelled.
const SIBLING_SHARED = /\.\.[/\\](?:\.\.[/\\])*shared\b|['"`]\.\.['"`]\s*,\s*(?:['"`]\.\.['"`]\s*,\s*)*['"`]shared['"`]/;

function git(args: string[], cwd: string): string {
  const env = { ...process.env };
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('a bare clone passes', () => {
  it('a fresh clone of HEAD without a shared folder beside it runs the tests that used it: all pass', async () => {
    const head = git(['rev-parse', 'HEAD'], ROOT);
    const tmp = scratch();
    try {
      const beside = path.join(tmp, 'x');
      mkdirSync(beside);
      const clone = path.join(beside, 'nianbao');
      git(['clone', '--quiet', '--local', '--no-checkout', ROOT, clone], beside);
      git(['checkout', '--quiet', '--detach', head], clone);
      expect(existsSync(path.join(beside, 'shared'))).toBe(false);
      lendNodeModules(clone);
      const result = await vitest(clone, FORMER_READERS);
      const line = result.stdout.split('\n').filter((l) => l.startsWith('tests: '));
      expect(line).toHaveLength(1);
      expect(line[0]).toMatch(/^tests: [1-9]\d* passed, 0 failed, 0 skipped$/);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  it('no file in src/ or test/ (all that npm test runs) names a shared folder beside the repository', () => {
    // test/corpus/ is `npm run test:corpus`, left out of npm test (vitest.config.ts): it exists to
    // read the real originals there, and says it skipped when they are not.
    const corpus = path.join(ROOT, 'test', 'corpus') + path.sep;
    const readers = ['src', 'test']
      .flatMap((dir) => filesUnder(path.join(ROOT, dir)))
      .filter((file) => !file.startsWith(corpus))
      .filter((file) => SIBLING_SHARED.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(readers).toEqual([]);
  });
});
