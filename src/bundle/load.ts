/**
 * Runs a bundled program (dist/bundle/NAME.cjs, see scripts/bundle.mjs) with V8's code cache
 * (NAME.cache): the bytecode of every function a training build ran, made when nianbao is built.
 * Node 20 has no compile cache for modules of its own (module.enableCompileCache is Node 22), and
 * compiling the bundle and then each function on first call is ~100 ms of a cold build. A cache
 * from another Node version is rejected by V8 and the bundle simply compiles as usual.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { parentPort, threadId } from 'node:worker_threads';

export function runBundle(name: 'cli' | 'worker'): void {
  const filename = fileURLToPath(new URL(`./${name}.cjs`, import.meta.url));
  const cacheFile = fileURLToPath(new URL(`./${name}.cache`, import.meta.url));
  const source = readFileSync(filename, 'latin1');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // not made yet (or removed): compile as usual
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename,
    ...(cachedData ? { cachedData } : {}),
  });
  if (process.env.NIANBAO_TRACE_CODE_CACHE === '1')
    process.stderr.write(`nianbao: code cache ${name} ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'accepted') : 'missing'}\n`);
  const require = createRequire(filename);
  // The build's training run asks for the cache of what it ran: the command line's when it
  // exits, a worker's with each report it sends back (the pool ends workers by terminating).
  if (process.env.NIANBAO_WRITE_CODE_CACHE === name) {
    const write = () => {
      const temporary = `${cacheFile}.${process.pid}.${threadId}`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    };
    if (parentPort) {
      const port = parentPort;
      const post = port.postMessage.bind(port);
      // Written before the report goes back: once the last report is in, the pool terminates
      // its workers, which cut short a cache still being made (no worker.cache under load).
      port.postMessage = (message: unknown) => {
        write();
        post(message);
      };
    } else process.once('exit', write);
  }
  // import() inside a vm script has no loader on Node 20 (and the option that lends one prints
  // an ExperimentalWarning): modules left out of the bundle (pdfjs-dist) are imported here.
  (globalThis as { nianbaoImport?: (specifier: string) => Promise<unknown> }).nianbaoImport = (specifier) => import(specifier);
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, require, module, filename, path.dirname(filename));
}
