// Known Unicode tries (a start-up trick of the bundle; issue 17, item 2). fontkit, its
// unicode-properties and linebreak each build a unicode-trie from deflated data when they load:
// five tries, 270 KB inflated by tiny-inflate in JavaScript, 20–100 ms of every cold start (the
// most of anything before a build begins). Inflating gives the same bytes every time, so the
// bundle step inflates them once and writes dist/bundle/tries.bin: each trie's deflated input and
// what it inflates to, as raw bytes (a JavaScript file of base64 strings took ~8 ms to compile and
// decode at every start). In the bundle, unicode-trie's class takes a known input's data from
// there and inflates anything else as before.
//
// Off with NIANBAO_NO_KNOWN_TRIES=1 (test/known-tries.test.ts builds a PDF both ways and compares
// the bytes), on a big-endian machine (the table holds little-endian words), and when tries.bin is
// missing, unreadable or cut short. Relies on unicode-trie 2.x: `module.exports = UnicodeTrie` at the end of
// index.js and a constructor that takes `{ data, highStart, errorValue }` as already parsed; the
// bundle step fails loudly if the first is not there.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const TRIES_FILE = 'tries.bin';
const EXPORT = 'module.exports = UnicodeTrie;';
const MAGIC = 'NBT1';

/**
 * The tries of a tries.bin as a lookup, `(deflated input) => { data, highStart, errorValue }` or
 * undefined; undefined for a file that is not one. The file, little-endian: 'NBT1', the count,
 * then for each trie its input's length, its words' length in bytes, highStart and errorValue
 * (32 bits each), the input padded to four bytes, the words. The bundle holds this very function
 * (its source), and the test calls it on the file the build wrote.
 */
export function knownTrieLookup(bin) {
  if (bin.length < 8 || bin.toString('latin1', 0, 4) !== 'NBT1') return undefined;
  const tries = [];
  for (let i = 0, at = 8, count = bin.readUInt32LE(4); i < count; i++) {
    if (at + 16 > bin.length) return undefined;
    const inputLength = bin.readUInt32LE(at);
    const wordsLength = bin.readUInt32LE(at + 4);
    const input = at + 16;
    const words = input + Math.ceil(inputLength / 4) * 4;
    if (wordsLength % 4 !== 0 || words + wordsLength > bin.length) return undefined;
    tries.push({ input: bin.subarray(input, input + inputLength), words: bin.subarray(words, words + wordsLength), highStart: bin.readUInt32LE(at + 8), errorValue: bin.readUInt32LE(at + 12) });
    at = words + wordsLength;
  }
  return (bytes) => {
    const found = tries.find((trie) => trie.input.length === bytes.length && trie.input.equals(bytes));
    if (!found) return undefined;
    // A view of the file where it is aligned (a file this size has a buffer of its own), else a
    // copy. Tries only read their data, so two of the same input may share it.
    const { words } = found;
    const data = words.byteOffset % 4 === 0 ? new Uint32Array(words.buffer, words.byteOffset, words.length / 4) : new Uint32Array(Uint8Array.from(words).buffer);
    return { data, highStart: found.highStart, errorValue: found.errorValue };
  };
}

/** The unicode-trie module as bundled: its class, wrapped so that known inputs skip the inflating. */
async function wrappedUnicodeTrie(file) {
  const source = await readFile(file, 'utf8');
  if (!source.includes(EXPORT)) throw new Error(`${file}: no “${EXPORT}” (unicode-trie changed?); the known-tries trick needs unicode-trie 2.x`);
  return source.replace(
    EXPORT,
    `const known = (() => {
  if (process.env.NIANBAO_NO_KNOWN_TRIES === '1' || new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) return undefined;
  // __nianbaoResolve (the bundle's banner) resolves beside the bundle.
  try { return (${knownTrieLookup.toString()})(require('node:fs').readFileSync(__nianbaoResolve('./${TRIES_FILE}'))); } catch { return undefined; }
})();
class KnownUnicodeTrie extends UnicodeTrie {
  constructor(data) {
    super((known && data instanceof Uint8Array && known(data)) || data);
  }
}
module.exports = KnownUnicodeTrie;`,
  );
}

/** esbuild hook: unicode-trie wrapped (tries.bin is read at run time beside the bundle). */
export function knownTries(build) {
  build.onLoad({ filter: /[\\/]node_modules[\\/]unicode-trie[\\/]index\.js$/ }, async (args) => ({ contents: await wrappedUnicodeTrie(args.path), loader: 'js' }));
}

/**
 * Loads the packages the bundle holds with unicode-trie's constructor watched (in a child
 * process, from node_modules) and writes every trie they build, input and output, to tries.bin.
 */
export function writeKnownTries(root, bundleDir) {
  const collect = `
const Trie = require('unicode-trie');
const seen = [];
require.cache[require.resolve('unicode-trie')].exports = class extends Trie {
  constructor(data) {
    super(data);
    if (data instanceof Uint8Array) seen.push([Buffer.from(data).toString('base64'), Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength).toString('base64'), this.highStart, this.errorValue]);
  }
};
for (const name of ['fontkit', 'unicode-properties', 'linebreak', 'pdfkit']) require(name);
process.stdout.write(JSON.stringify(seen));
`;
  const run = spawnSync(process.execPath, ['-e', collect], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`collecting the Unicode tries failed (${run.status}): ${run.stderr}`);
  const unique = [...new Map(JSON.parse(run.stdout).map((entry) => [entry[0], entry])).values()];
  const parts = [Buffer.alloc(8)];
  parts[0].write(MAGIC, 0, 'latin1');
  parts[0].writeUInt32LE(unique.length, 4);
  for (const [input, words, highStart, errorValue] of unique) {
    const inputBytes = Buffer.from(input, 'base64');
    const wordBytes = Buffer.from(words, 'base64');
    const head = Buffer.alloc(16);
    head.writeUInt32LE(inputBytes.length, 0);
    head.writeUInt32LE(wordBytes.length, 4);
    head.writeUInt32LE(highStart, 8);
    head.writeUInt32LE(errorValue, 12);
    parts.push(head, inputBytes, Buffer.alloc(Math.ceil(inputBytes.length / 4) * 4 - inputBytes.length), wordBytes);
  }
  writeFileSync(path.join(bundleDir, TRIES_FILE), Buffer.concat(parts));
  // Its former form (base64 in JavaScript), which a bundle no longer reads.
  rmSync(path.join(bundleDir, 'tries.cjs'), { force: true });
  return unique.length;
}
