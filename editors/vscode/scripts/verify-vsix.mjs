// CI check of the packaged extension: the .vsix holds the bundled extension and its manifest,
// nothing else, and the bundle loads and activates against a stand-in for VS Code's API,
// registering every command the manifest contributes. (The real VS Code harness,
// @vscode/test-electron, downloads a VS Code build, which CI cannot.)
import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import yauzl from 'yauzl';

const fail = (message) => {
  console.error(`verify-vsix: ${message}`);
  process.exit(1);
};

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const file = `${manifest.name}-${manifest.version}.vsix`;
if (!readdirSync('.').includes(file)) fail(`${file} not found: run npm run package first`);

/** Every entry of the zip, by name, with its bytes. */
const entries = await new Promise((resolve, reject) => {
  const found = new Map();
  yauzl.open(file, { lazyEntries: true }, (error, zip) => {
    if (error) return reject(error);
    zip.on('entry', (entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => {
          found.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve(found));
    zip.readEntry();
  });
});

const names = [...entries.keys()].filter((n) => n.startsWith('extension/')).sort();
const expected = ['extension/LICENSE.txt', 'extension/dist/extension.js', 'extension/package.json', 'extension/readme.md'];
if (JSON.stringify(names) !== JSON.stringify(expected)) fail(`unexpected files in ${file}: ${names.join(', ')}`);

const packaged = JSON.parse(entries.get('extension/package.json').toString('utf8'));
if (packaged.main !== './dist/extension.js') fail(`main is ${packaged.main}`);
if (!packaged.activationEvents.includes('onLanguage:markdown')) fail('not activated for Markdown');

const bundle = entries.get('extension/dist/extension.js').toString('utf8');
// Bundled, not required at run time: the .vsix has no node_modules.
for (const needle of ['require("vscode-languageclient', "require('vscode-languageclient", '../../../src/']) {
  if (bundle.includes(needle)) fail(`the bundle still refers to ${needle}`);
}
for (const needle of ['依申请公开', '复议诉讼', 'lsp', '--stdio', '网页预览']) {
  if (!bundle.includes(needle)) fail(`the bundle lacks ${needle}`);
}

// A stand-in for the vscode module: every property is a constructible, callable stub that
// returns another, except what activate's bookkeeping reads.
const registered = [];
const stub = () => {
  const set = new Map();
  return new Proxy(function () {}, {
    get: (_target, key) => (set.has(key) ? set.get(key) : key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : stub()),
    set: (_target, key, value) => (set.set(key, value), true),
    apply: () => stub(),
    construct: () => stub(),
  });
};
// The bundle copies the module's own keys (esbuild's import interop), so the namespaces the
// extension uses are real keys.
const vscode = new Proxy(
  {
    commands: new Proxy({ registerCommand: (name) => (registered.push(name), { dispose() {} }) }, { get: (t, k) => t[k] ?? stub() }),
    workspace: new Proxy({ textDocuments: [], workspaceFolders: [] }, { get: (t, k) => t[k] ?? stub() }),
    ...Object.fromEntries(['window', 'env', 'Uri', 'ViewColumn', 'StatusBarAlignment'].map((k) => [k, stub()])),
  },
  { get: (t, k) => t[k] ?? stub() },
);
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const module = new Module(path.resolve('extension.js'));
module.filename = path.resolve('extension.js');
module.paths = [];
module._compile(bundle, module.filename);
Module._load = load;
const extension = module.exports;
if (typeof extension.activate !== 'function' || typeof extension.deactivate !== 'function') fail('the bundle exports no activate/deactivate');
extension.activate({ subscriptions: [] });
const contributed = packaged.contributes.commands.map((c) => c.command);
for (const command of contributed) if (!registered.includes(command)) fail(`activate does not register ${command}`);
console.log(`verify-vsix: ${file} holds ${names.length} files; the bundle (${Math.round(bundle.length / 1024)} KB) activates and registers ${registered.join(', ')}`);
