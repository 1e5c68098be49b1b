/**
 * The bundle's code caches (src/bundle/load.ts) are taken by V8 in the runs they are made for:
 * a one-report build on the main thread and a batch on workers. V8 rejects a cache made under
 * other flags, so this also holds the tiering of a one-off command (src/bundle/tiering.ts) to
 * its promise: set after the command line's bundle is compiled, and under it the workers' bundle
 * and their cache. With the tiering off the PDFs are the same bytes. Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function build(args: string[], env: Record<string, string> = {}): string {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/nianbao.js'), 'build', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600', NIANBAO_TRACE_CODE_CACHE: '1', ...env },
  });
  expect(run.stderr).toMatch(/已生成/);
  return run.stderr;
}

const caches = (stderr: string) => stderr.match(/^nianbao: code cache \w+ \w+$/gm) ?? [];

describe('code caches', () => {
  it('a one-report build takes the command line’s, and the same PDF comes out with default tiering', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-cache-'));
    const tuned = build(['bench/reference-2024.md', '-o', path.join(dir, 'tuned.pdf')]);
    const plain = build(['bench/reference-2024.md', '-o', path.join(dir, 'default.pdf')], { NIANBAO_DEFAULT_TIERING: '1' });
    expect(caches(tuned)).toEqual(['nianbao: code cache cli accepted']);
    expect(caches(plain)).toEqual(['nianbao: code cache cli accepted']);
    expect(readFileSync(path.join(dir, 'tuned.pdf')).equals(readFileSync(path.join(dir, 'default.pdf')))).toBe(true);
  }, 120_000);

  it('a batch’s workers take theirs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-cache-'));
    const stderr = build(['examples/changle-2022.md', 'examples/songduo-2021.md', '--out-dir', dir], { CI: 'true' });
    expect(caches(stderr).sort()).toEqual(['nianbao: code cache cli accepted', 'nianbao: code cache worker accepted', 'nianbao: code cache worker accepted']);
  }, 120_000);
});
