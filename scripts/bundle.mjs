// The command line as two files: dist/bundle/cli.js and dist/bundle/worker.js (npm run build).
//
// Why: a cold `nianbao build` loaded ~400 modules (yaml alone is ~80 files, pdfmake ~40), and
// finding, reading and compiling each cost ~250 ms of a ~1 s build. One file per thread loads in
// a fraction of that. The bundles sit two folders deep, like every module that finds shipped
// files (fonts/, templates/, schema/, package.json) relative to itself, so those paths hold in
// both layouts. Tests import src/ directly; bin/nianbao.js runs the bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { knownTries, writeKnownTries } from './known-tries.mjs';
import { knownWords } from './known-words.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));


// Modules that dependencies load at start-up for features nianbao never uses: fontkit's WOFF2
// decoder (brotli: half a megabyte of code, its dictionary decoded on load, ~35 ms) and pdfkit's
// encryption (AES tables, ~10 ms). Each is replaced by a stand-in that, on first use, loads the
// real module from node_modules (left out of the bundle).
const deferred = {
  'brotli/decompress.js': (id) => `module.exports = function decompress(...args) { return require(${id})(...args); };`,
  '@noble/ciphers/aes': (id) => `module.exports = new Proxy({}, { get: (_, name) => require(${id})[name] });`,
};

/** The package a file belongs to: its folder and name (the nearest package.json with a name). */
function packageOf(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const { name } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (name) return { dir, name };
    } catch {
      // no package.json here
    }
  }
  throw new Error(`no package for ${file}`);
}
const bundleDir = path.join(root, 'dist/bundle');

/** @type {import('esbuild').Plugin} */
const oneCopyAndDeferred = {
  name: 'nianbao',
  setup(build) {
    // unicode-trie takes the tries it would inflate at start-up from dist/bundle/tries.bin.
    knownTries(build);
    // The segmenter's answer for the tables' labels (src/text/known-words.ts).
    knownWords(build, root, bundleDir);
    // fontkit and linebreak have an ESM and a CommonJS build; pdfkit requires the latter, so
    // everything does: one copy of each, loaded once (linebreak's decodes its Unicode trie).
    build.onResolve({ filter: /^(fontkit|linebreak)$/ }, (args) => ({ path: require.resolve(args.path) }));
    // pdfkit's zlib: deflate with a cache the watch loop turns on (src/render/deflate.ts).
    build.onResolve({ filter: /^zlib$/ }, (args) =>
      /[\\/]node_modules[\\/]pdfkit[\\/]/.test(args.importer) ? { path: path.join(root, 'src/render/deflate.ts') } : undefined,
    );
    // The stand-in replaces the module in the bundle; its own require of it stays a require,
    // resolved from node_modules at run time like any installed package (hoisted or not).
    const deferredIds = new RegExp(`^(${Object.keys(deferred).map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter: deferredIds }, (args) =>
      args.namespace === 'deferred' ? { path: args.path, external: true } : { path: args.path, namespace: 'deferred' },
    );
    build.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({ contents: deferred[args.path](JSON.stringify(args.path)), loader: 'js' }));
    // CommonJS modules that use __dirname (pdfkit's data files, pdfmake's virtual file system)
    // get their own, found at run time from where their package is installed.
    build.onLoad({ filter: /node_modules[\\/].*\.c?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const { name } = packageOf(args.path);
      const fromMain = path.relative(path.dirname(require.resolve(name)), path.dirname(args.path)).split(path.sep).join('/');
      const prelude = `var __dirname = __nianbaoPath.join(__nianbaoPath.dirname(__nianbaoResolve(${JSON.stringify(name)})), ${JSON.stringify(fromMain)}); var __filename = __nianbaoPath.join(__dirname, ${JSON.stringify(path.basename(args.path))});\n`;
      return { contents: prelude + source, loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: { cli: path.join(root, 'src/cli.ts'), worker: path.join(root, 'src/batch/worker.ts') },
  outdir: bundleDir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  // CommonJS, not ES module: only a script can be compiled with V8's code cache on Node 20.
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  write: false,
  define: { 'import.meta.url': '__nianbaoImportMetaUrl' },
  banner: {
    js: [
      "const __nianbaoPath = require('node:path');",
      'const __nianbaoResolve = require.resolve;',
      "const __nianbaoImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
    ].join('\n'),
  },
  plugins: [oneCopyAndDeferred],
  // pdfjs-dist (the PDF reader, src/import/pdf/pdfjs.ts) is an ES module that finds its worker
  // and data beside itself: imported at run time from node_modules, only when a PDF is read.
  external: ['pdfjs-dist', 'pdfjs-dist/*'],
  logLevel: 'warning',
});

// Pure ASCII (regular expressions keep their 年, 〔 …): V8 then holds the source as one byte a
// character, and Node decodes it without a UTF-8 pass. \uXXXX means the same in strings,
// templates, regular expressions and identifiers; an identity escape before the character
// (`\（`) is dropped, as it would otherwise escape the backslash of \u.
const ascii = (code) =>
  code.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, ch) =>
    `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
mkdirSync(bundleDir, { recursive: true });
for (const file of result.outputFiles) writeFileSync(file.path, ascii(file.text));
for (const name of ['cli', 'worker']) {
  writeFileSync(path.join(bundleDir, `${name}.js`), `import { runBundle } from './load.js';\nrunBundle('${name}');\n`);
  rmSync(path.join(bundleDir, `${name}.cache`), { force: true });
}

writeKnownTries(root, bundleDir);

// Training builds, whose compiled functions become the code cache: one report in the main
// thread (nianbao build with one source), two on the worker pool.
const scratch = mkdtempSync(path.join(tmpdir(), 'nianbao-train-'));
const train = (name, args) => {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/nianbao.js'), 'build', ...args], {
    cwd: root,
    env: { ...process.env, NIANBAO_WRITE_CODE_CACHE: name, CI: 'true' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`training build failed (${run.status}): ${run.stderr}${run.stdout}`);
};
try {
  train('cli', ['examples/changle-2022.md', '-o', path.join(scratch, 'one.pdf')]);
  train('worker', ['examples/changle-2022.md', 'examples/songduo-2021.md', '--out-dir', scratch]);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
for (const name of ['cli', 'worker'])
  if (!existsSync(path.join(bundleDir, `${name}.cache`))) console.warn(`bundle: no ${name}.cache from its training build; ${name} compiles without a code cache`);
