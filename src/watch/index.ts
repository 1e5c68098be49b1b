/**
 * Watch mode: rebuild a report when its source, its template or its fonts change. An editor's
 * burst of save events is coalesced; one build runs at a time and the newest change wins; a bad
 * save prints its diagnostics and leaves the last good PDF in place.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { watch as chokidar } from 'chokidar';
import { type BuildResult, buildSource } from '../build/index.js';
import { formatDiagnostics, visible } from '../diagnostics/format.js';
import { unexpectedError } from '../diagnostics/internal.js';
import { writeAtomic } from '../files/write.js';
import { readFailure } from '../files/read.js';
import { cacheDeflatedStreams } from '../render/deflate.js';

export interface WatchOptions {
  readonly output: (source: string) => string;
  readonly force: boolean;
  /** Called after each PDF is written (the preview server renders the HTML here). */
  readonly onBuilt?: (source: string, result: BuildResult) => void;
}

export interface Watcher {
  close(): Promise<void>;
  /** Resolves when the first build of every source has finished. */
  readonly ready: Promise<void>;
}

export function watchSources(sources: readonly string[], options: WatchOptions): Watcher {
  const log = (line: string) => process.stderr.write(`${visible(line)}\n`);
  const out = (text: string) => process.stdout.write(text);
  // A save arrives as a burst of events (truncate, write, rename): wait briefly for it to end. A
  // build that still catches a half-written file is discarded, unprinted, by the content check.
  const settle = 5;
  // Consecutive builds share most of their streams (fonts, unchanged pages): deflate each once.
  cacheDeflatedStreams();
  const watcher = chokidar([], { ignoreInitial: true, awaitWriteFinish: false });
  const dependents = new Map<string, Set<string>>(); // watched file → sources that depend on it
  // `seen`: each file's modification time and size when the latest build began.
  const state = new Map<string, { building: boolean; again: boolean; timer?: NodeJS.Timeout; built?: Buffer; seen?: Map<string, string> }>();
  const filesOf = new Map<string, Set<string>>(); // source → the files it depends on

  const depend = (source: string, files: string[]) => {
    for (const file of files.map((f) => path.resolve(f))) {
      let set = dependents.get(file);
      if (!set) {
        set = new Set();
        dependents.set(file, set);
        watcher.add(file);
      }
      set.add(source);
      let files = filesOf.get(source);
      if (!files) filesOf.set(source, (files = new Set()));
      files.add(file);
    }
  };
  const version = (file: string) => stat(file).then((s) => `${s.mtimeMs}:${s.size}`, () => undefined);

  let closed = false;
  const build = async (source: string): Promise<void> => {
    if (closed) return; // nothing starts after close(), not even a rebuild a finishing build asks for
    const entry = state.get(source) ?? { building: false, again: false };
    state.set(source, entry);
    if (entry.building) {
      entry.again = true; // the newest change wins: build once more when this one ends
      return;
    }
    entry.building = true;
    try {
      const started = performance.now();
      const watched = [...(filesOf.get(source) ?? [])];
      const versions = await Promise.all(watched.map(version));
      entry.seen = new Map(watched.map((file, i) => [file, versions[i] ?? '']));
      // Bytes, not text: the build decodes them (UTF-8, or GB 18030 with a warning).
      let text: Buffer;
      try {
        text = await readFile(source);
        // An empty file is nearly always an editor's save caught between truncate and write:
        // look again a moment later before reporting it.
        if (text.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          text = await readFile(source);
        }
        entry.built = text;
      } catch (error) {
        log(`${readFailure(source, error)}：保留上一次的 PDF，继续监视`);
        return;
      }
      const epoch = process.env.SOURCE_DATE_EPOCH;
      const result = await buildSource(source, text, { force: options.force, ...(epoch ? { sourceDateEpoch: epoch } : {}) });
      // A newer save arrived while building (or this build caught a file half-written): its
      // result is stale, so print and write nothing; the `finally` below builds the newest.
      const current = await readFile(source).catch(() => text);
      if (!current.equals(text)) return;
      if (result.diagnostics.length > 0) out(`${formatDiagnostics(result.diagnostics)}\n`);
      depend(source, [source, ...(result.template ? [result.template] : []), ...(result.fonts ?? []).map((font) => font.file)]);
      const target = options.output(source);
      // buildSource gives a PDF only when there are no errors, or with --force.
      if (result.pdf) {
        await writeAtomic(target, result.pdf);
        options.onBuilt?.(source, result);
        log(`已生成 ${target}（${Math.round(performance.now() - started)} ms）`);
      } else {
        log(`未更新 ${target}：源文件有错误，保留上一次的 PDF，继续监视`);
      }
    } catch (error) {
      const { message, hint } = unexpectedError(error);
      log(`构建 ${source} 时出错：${message}；继续监视\n  提示：${hint}`);
    } finally {
      entry.building = false;
      // The newest content wins even when the file system's last event was coalesced away
      // (a save is a burst: truncate, write, close): compare what was built with what is there.
      const now = await readFile(source).catch(() => entry.built);
      if (entry.again || !(now === entry.built || (now && entry.built && now.equals(entry.built)))) {
        entry.again = false;
        void build(source);
      }
    }
  };

  const schedule = (source: string) => {
    const entry = state.get(source) ?? { building: false, again: false };
    state.set(source, entry);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void build(source);
    }, settle);
  };

  // chokidar drops a change that comes within 50 ms of the previous one and sends nothing later
  // (a fix saved right after a bad save was lost this way): so look at the file again once that
  // window has passed, and rebuild if it is not as the latest build found it.
  const recheck = async (file: string) => {
    const now = await version(file);
    if (now === undefined) return;
    for (const source of dependents.get(file) ?? []) {
      if (state.get(source)?.seen?.get(file) !== now) schedule(source);
    }
  };

  watcher.on('all', (_event, changed) => {
    const file = path.resolve(changed);
    for (const source of dependents.get(file) ?? []) schedule(source);
    setTimeout(() => void recheck(file), 75);
  });

  const ready = (async () => {
    for (const source of sources) depend(source, [source]);
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    for (const source of sources) await build(source);
  })();
  return {
    ready,
    close: () => {
      closed = true;
      for (const entry of state.values()) if (entry.timer) clearTimeout(entry.timer);
      return watcher.close();
    },
  };
}
