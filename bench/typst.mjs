// Typst beside nianbao in `npm run bench`: shared/bench/typst (beside the repository, or
// NIANBAO_SHARED/bench/typst) builds the same reference content with Typst through its pinned npm
// addon. It is copied to a scratch folder and installed there with `npm ci` (never a project
// dependency); when the folder or the addon is not there, the bench says why and goes on without it.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAnchor } from './anchor.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The files the Typst yardstick runs (its README lists them); reference-content.mjs is one up. */
export const TYPST_FILES = ['cold.mjs', 'warm.mjs', 'common.mjs', 'make-typ.mjs', 'package.json', 'package-lock.json'];

/** `{ dir, content }` when the Typst folder and the reference content are there, else `{ missing }`. */
export function findTypst(env = process.env) {
  const bench = findAnchor(env).dir;
  const dir = path.join(bench, 'typst');
  const content = path.join(bench, 'reference-content.mjs');
  const missing = [...TYPST_FILES.map((f) => path.join(dir, f)), content].filter((f) => !existsSync(f));
  return missing.length ? { missing: existsSync(dir) ? missing : [dir] } : { dir, content };
}

function writable(dir) {
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    chmodSync(file, statSync(file).isDirectory() ? 0o755 : 0o644);
    if (statSync(file).isDirectory()) writable(file);
  }
}

/**
 * Copies the Typst folder into `scratch` (the original is read-only), installs its pinned addon
 * there and writes report.typ (`--repeat` 1). Returns `{ dir, run }` or `{ unavailable }`: why not.
 */
export function prepareTypst(found, scratch) {
  cpSync(found.dir, scratch, { recursive: true });
  copyFileSync(found.content, path.join(scratch, 'reference-content.mjs'));
  writable(scratch);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: scratch, encoding: 'utf8', timeout: 300_000 });
  if (install.status !== 0) {
    const why = (install.stderr || install.stdout || String(install.error ?? '')).trim().split('\n').slice(-3).join(' ');
    return { unavailable: `npm ci of the Typst addon failed (${install.status ?? install.signal}): ${why}` };
  }
  const env = { ...process.env, FONT_DIR: path.join(root, 'fonts') };
  const load = spawnSync(process.execPath, ['-e', "import('@myriaddreamin/typst-ts-node-compiler').then((m) => { if (!m.NodeCompiler) process.exit(3); })"], { cwd: scratch, encoding: 'utf8', env });
  if (load.status !== 0) return { unavailable: `the Typst addon does not load on ${process.platform}-${process.arch}: ${load.stderr.trim().split('\n').slice(-2).join(' ')}` };
  /** Runs one of the folder's scripts; its last stdout line is JSON. */
  const run = (script, args, extraEnv = {}) => {
    const done = spawnSync(process.execPath, [path.join(scratch, script), ...args], { cwd: scratch, encoding: 'utf8', env: { ...env, ...extraEnv } });
    if (done.status !== 0) throw new Error(`typst ${script} ${args.join(' ')} failed (${done.status}): ${done.stderr}`);
    return JSON.parse(done.stdout.trim().split('\n').pop());
  };
  return { dir: scratch, env, run };
}

/** Writes the Typst source of the reference × `repeat` and returns its path. */
export function typstSource(typst, repeat) {
  const out = path.join(typst.dir, repeat === 1 ? 'report.typ' : `report-x${repeat}.typ`);
  typst.run('make-typ.mjs', ['--out', out, '--repeat', String(repeat)]);
  return out;
}
