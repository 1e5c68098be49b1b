import { spawn } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, type Run } from './cli.js';

const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');

/** Lends `dir` the repository's node_modules (a symlink), so vitest runs there without an install. */
export function lendNodeModules(dir: string): void {
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** `vitest run [args]` in `cwd` as a child process (a run of its own, not part of this one). */
export function vitest(cwd: string, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITEST, 'run', ...args], {
      cwd,
      env: { ...process.env, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A vitest config in `dir` that runs its *.test.ts files with the project's closing-line reporter. */
export function writeReporterConfig(dir: string): void {
  const reporter = path.join(ROOT, 'test/support/summary-reporter.ts');
  writeFileSync(
    path.join(dir, 'vitest.config.mjs'),
    `export default { test: { include: ['*.test.ts'], reporters: ['default', ${JSON.stringify(reporter)}] } };\n`,
  );
}
