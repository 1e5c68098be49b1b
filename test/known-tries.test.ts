/**
 * The known-tries trick of the bundle (scripts/known-tries.mjs): the Unicode tries fontkit,
 * unicode-properties and linebreak build at load are taken from dist/bundle/tries.bin instead of
 * being inflated. Every one of them must be there and hold what inflating gives, and a build must
 * write the same bytes with the trick off (NIANBAO_NO_KNOWN_TRIES=1). Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { knownTrieLookup } from '../scripts/known-tries.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Parsed {
  data: Uint32Array;
  highStart: number;
  errorValue: number;
}
// The very lookup the bundle holds (its source is inlined there), on the file the build wrote.
const lookup = knownTrieLookup(readFileSync(path.join(ROOT, 'dist/bundle/tries.bin')));
const known = { lookup: (bytes: Uint8Array) => lookup?.(bytes) };

/** Every trie the packages build when they load: its deflated input and what unicode-trie made of it. */
function triesBuiltAtLoad(): { input: Uint8Array; parsed: Parsed }[] {
  const collect = `
const Trie = require('unicode-trie');
const seen = [];
require.cache[require.resolve('unicode-trie')].exports = class extends Trie {
  constructor(data) {
    super(data);
    seen.push([Buffer.from(data).toString('base64'), Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength).toString('base64'), this.highStart, this.errorValue]);
  }
};
for (const name of ['fontkit', 'unicode-properties', 'linebreak', 'pdfkit', 'pdfmake']) require(name);
process.stdout.write(JSON.stringify(seen));
`;
  const run = spawnSync(process.execPath, ['-e', collect], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as [string, string, number, number][]).map(([input, words, highStart, errorValue]) => {
    const raw = Buffer.from(words, 'base64');
    const data = new Uint32Array(raw.length / 4);
    new Uint8Array(data.buffer).set(raw);
    return { input: new Uint8Array(Buffer.from(input, 'base64')), parsed: { data, highStart, errorValue } };
  });
}

describe('known Unicode tries', () => {
  it('every trie built at load is known, with the data inflating gives', () => {
    const built = triesBuiltAtLoad();
    expect(built.length).toBeGreaterThanOrEqual(4);
    for (const { input, parsed } of built) {
      const found = known.lookup(input);
      expect(found).toBeDefined();
      expect(found?.highStart).toBe(parsed.highStart);
      expect(found?.errorValue).toBe(parsed.errorValue);
      const data = found?.data ?? new Uint32Array(0);
      expect(Buffer.from(data.buffer, data.byteOffset, data.byteLength).equals(Buffer.from(parsed.data.buffer))).toBe(true);
    }
  });

  it('a file cut short or not one is not read', () => {
    const bin = readFileSync(path.join(ROOT, 'dist/bundle/tries.bin'));
    expect(lookup).toBeDefined();
    expect(knownTrieLookup(bin.subarray(0, bin.length - 1))).toBeUndefined();
    expect(knownTrieLookup(bin.subarray(0, 30))).toBeUndefined();
    expect(knownTrieLookup(Buffer.from('not a tries file'))).toBeUndefined();
  });

  it('an input it does not know, even one byte off, is not taken for a known one', () => {
    const [first] = triesBuiltAtLoad();
    const changed = Uint8Array.from(first?.input ?? []);
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
    expect(known.lookup(changed)).toBeUndefined();
    expect(known.lookup(new Uint8Array(12))).toBeUndefined();
  });

  it('the reference report builds to the same bytes with the trick off', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-tries-'));
    const build = (out: string, env: Record<string, string>) => {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/nianbao.js'), 'build', path.join(ROOT, 'bench/reference-2024.md'), '-o', out], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600', ...env },
      });
      expect(run.stderr).toMatch(/已生成/);
      return readFileSync(out);
    };
    const on = build(path.join(dir, 'on.pdf'), {});
    const off = build(path.join(dir, 'off.pdf'), { NIANBAO_NO_KNOWN_TRIES: '1' });
    expect(on.length).toBeGreaterThan(100_000);
    expect(on.equals(off)).toBe(true);
  }, 120_000);
});
