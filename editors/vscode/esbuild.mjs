// Bundles the extension and vscode-languageclient into one CommonJS file, dist/extension.js
// (VS Code loads an extension's main with require; `vscode` is the host's, never bundled).
import { build } from 'esbuild';

const production = process.argv.includes('--production');
await build({
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // VS Code 1.82's extension host runs Node 18.
  target: 'node18',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  charset: 'utf8',
  logLevel: 'warning',
});
