// The command line as two files: dist/bundle/cli.js and dist/bundle/worker.js (npm run build).
//
// Why: a cold `nianbao build` loaded ~400 modules (yaml alone is ~80 files, pdfmake ~40), and
// finding, reading and compiling each cost ~250 ms of a ~1 s build. One file per thread loads in
// a fraction of that. The bundles sit two folders deep, like every module that finds shipped
// files (fonts/, templates/, schema/, package.json) relative to itself, so those paths hold in
// both layouts. Tests import src/ directly; bin/nianbao.js runs the bundle.
import { copyFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));

// tsc leaves plain JavaScript alone: the one CommonJS shim is copied beside its compiled peers.
mkdirSync(path.join(root, 'dist/fonts'), { recursive: true });
copyFileSync(path.join(root, 'src/fonts/fontkit.cjs'), path.join(root, 'dist/fonts/fontkit.cjs'));

// Modules that dependencies load at start-up for features nianbao never uses: fontkit's WOFF2
// decoder (brotli: half a megabyte of code, its dictionary decoded on load, ~35 ms) and pdfkit's
// encryption (AES tables, ~10 ms). Each is replaced by a stand-in that, on first use, loads the
// real module from node_modules (left out of the bundle).
const deferred = {
  'brotli/decompress.js': (real) => `module.exports = function decompress(...args) { return require(${real})(...args); };`,
  '@noble/ciphers/aes': (real) => `module.exports = new Proxy({}, { get: (_, name) => require(${real})[name] });`,
};
const bundleDir = path.join(root, 'dist/bundle');

/** @type {import('esbuild').Plugin} */
const oneCopyAndDeferred = {
  name: 'nianbao',
  setup(build) {
    // fontkit has an ESM and a CommonJS build; pdfkit requires the latter, so everything does.
    build.onResolve({ filter: /^fontkit$/ }, () => ({ path: require.resolve('fontkit') }));
    build.onResolve({ filter: /^(brotli\/decompress\.js|@noble\/ciphers\/aes)$/ }, (args) =>
      args.namespace === 'deferred' ? undefined : { path: args.path, namespace: 'deferred', pluginData: args.resolveDir },
    );
    // CommonJS modules that use __dirname (pdfkit's data files, pdfmake's virtual file system)
    // get their own, found from the bundle's location at run time.
    build.onLoad({ filter: /node_modules[\\/].*\.c?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const fromBundle = path.relative(path.join(root, 'dist/bundle'), path.dirname(args.path)).split(path.sep).join('/');
      const prelude = `var __dirname = __nianbaoPath.join(__nianbaoBundleDir, ${JSON.stringify(fromBundle)}); var __filename = __nianbaoPath.join(__dirname, ${JSON.stringify(path.basename(args.path))});\n`;
      return { contents: prelude + source, loader: 'js' };
    });
    build.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => {
      const real = createRequire(path.join(args.pluginData, 'x.js')).resolve(args.path);
      // Required at run time relative to the bundle (see the banner's require).
      const relative = `./${path.relative(bundleDir, real).split(path.sep).join('/')}`;
      return { contents: deferred[args.path](JSON.stringify(relative)), loader: 'js', resolveDir: bundleDir };
    });
    build.onResolve({ filter: /^\.\/\.\.\/\.\.\/node_modules\// }, (args) => ({ path: args.path, external: true }));
  },
};

await build({
  entryPoints: { cli: path.join(root, 'src/cli.ts'), worker: path.join(root, 'src/batch/worker.ts') },
  outdir: bundleDir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  // CommonJS dependencies call require(): give the ES module one.
  banner: {
    js: [
      "import { createRequire as __nianbaoRequire } from 'node:module';",
      "import __nianbaoPath from 'node:path';",
      "import { fileURLToPath as __nianbaoFilePath } from 'node:url';",
      'const require = __nianbaoRequire(import.meta.url);',
      'const __nianbaoBundleDir = __nianbaoPath.dirname(__nianbaoFilePath(import.meta.url));',
    ].join('\n'),
  },
  plugins: [oneCopyAndDeferred],
  logLevel: 'warning',
});
