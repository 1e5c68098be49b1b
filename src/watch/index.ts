/**
 * Watch mode: rebuild a report when its source, its template or its fonts change. Files are
 * watched by path (src/watch/paths.ts), so a save by rename, a delete and recreate or a truncate
 * is seen like any other. An editor's burst of save events is coalesced; one build runs at a time
 * and the newest change wins; a bad save prints its diagnostics and leaves the last good PDF in
 * place; a missing source is waited for. Nothing a build does ends the watch.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type BuildResult, buildSource } from '../build/index.js';
import { formatDiagnostics, visible } from '../diagnostics/format.js';
import { unexpectedError } from '../diagnostics/internal.js';
import { writeAtomic } from '../files/write.js';
import { readFailure, readSourceBytes } from '../files/read.js';
import { cacheDeflatedStreams } from '../render/deflate.js';
import { watchPaths } from './paths.js';

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

/** What a build attempt ended with, as the one line watch prints for it. */

interface SourceState {
  building: boolean;
  /** A change arrived while building: look again when it ends. */
  again: boolean;
  timer?: NodeJS.Timeout;
  /** The text the latest build read (undefined: build whatever is there). */
  built?: Buffer;
  /** Each dependency's version (inode, mtime, size) when the latest build began. */
  seen?: Map<string, string>;
  /** The source was not there at the latest look (said once, until it is back). */
  missing: boolean;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function watchSources(sources: readonly string[], options: WatchOptions): Watcher {
  const log = (line: string) => process.stderr.write(`${visible(line)}\n`);
  const out = (text: string) => process.stdout.write(text);
  // A save arrives as a burst of events (truncate, write, rename): wait briefly for it to end. A
  // build that still catches a half-written file is discarded, unprinted, by the content check.
  const settle = 5;
  // Consecutive builds share most of their streams (fonts, unchanged pages): deflate each once.
  cacheDeflatedStreams();
  const dependents = new Map<string, Set<string>>(); // watched file → sources that depend on it
  const state = new Map<string, SourceState>();
  const filesOf = new Map<string, Set<string>>(); // source → the other files it depends on
  const stateOf = (source: string): SourceState => {
    let entry = state.get(source);
    if (!entry) state.set(source, (entry = { building: false, again: false, missing: false }));
    return entry;
  };

  let closed = false;
  const schedule = (source: string) => {
    if (closed) return;
    const entry = stateOf(source);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void build(source);
    }, settle);
  };
  const paths = watchPaths((file) => {
    for (const source of dependents.get(file) ?? []) schedule(source);
  });

  const depend = (source: string, files: readonly string[]) => {
    for (const file of files.map((f) => path.resolve(f))) {
      let set = dependents.get(file);
      if (!set) dependents.set(file, (set = new Set()));
      set.add(source);
      paths.add(file);
      if (file === path.resolve(source)) continue;
      let deps = filesOf.get(source);
      if (!deps) filesOf.set(source, (deps = new Set()));
      deps.add(file);
    }
  };
  const version = (file: string) => stat(file).then((s) => `${s.ino}:${s.mtimeMs}:${s.size}`, () => '');
  const versions = async (source: string) => {
    const files = [...(filesOf.get(source) ?? [])];
    const found = await Promise.all(files.map(version));
    return new Map(files.map((file, i) => [file, found[i] ?? '']));
  };
  const same = (a: ReadonlyMap<string, string> | undefined, b: ReadonlyMap<string, string>) =>
    a !== undefined && a.size === b.size && [...b].every(([file, v]) => a.get(file) === v);

  /** The source's text; undefined (after saying why) when it cannot be read. */
  const readText = async (source: string, entry: SourceState): Promise<Buffer | undefined> => {
    // Through the safe reader: a FIFO or a device put in the source's place never blocks watch.
    const attempt = async (): Promise<{ text: Buffer } | { error: unknown }> => {
      try {
        return { text: readSourceBytes(source) };
      } catch (error) {
        return { error };
      }
    };
    let read = await attempt();
    // An empty or missing file is nearly always an editor's save caught between truncate and
    // write, or between moving the old file aside and writing the new one: look again a moment
    // later before reporting it.
    if ('error' in read || read.text.length === 0) {
      await pause(100);
      read = await attempt();
    }
    if ('text' in read) {
      entry.missing = false;
      return read.text;
    }
    entry.built = undefined; // when it is back, build it even if it is as it was
    if (!(await stat(source).then(() => true, () => false))) {
      if (!entry.missing) log(`未找到 ${source}，等待它重新出现（保留上一次的 PDF）`);
      entry.missing = true;
    } else {
      log(`${readFailure(source, read.error)}：保留上一次的 PDF，继续监视`);
    }
    return undefined;
  };

  const build = async (source: string): Promise<void> => {
    if (closed) return; // nothing starts after close(), not even a rebuild a finishing build asks for
    const entry = stateOf(source);
    if (entry.building) {
      entry.again = true; // the newest change wins: build once more when this one ends
      return;
    }
    entry.building = true;
    try {
      const started = performance.now();
      const text = await readText(source, entry);
      if (text === undefined) return;
      const seen = await versions(source);
      // An event that changed nothing this build has not already seen (a late event of a save
      // already built, a touch of an unrelated name): no second build, no second line.
      if (entry.built?.equals(text) && same(entry.seen, seen)) return;
      entry.built = text;
      entry.seen = seen;
      const epoch = process.env.SOURCE_DATE_EPOCH;
      const result = await buildSource(source, text, { force: options.force, ...(epoch ? { sourceDateEpoch: epoch } : {}) });
      // A newer save arrived while building (or this build caught a file half-written): its
      // result is stale, so print and write nothing; the `finally` below builds the newest.
      const current = await readFile(source).catch(() => text);
      if (!current.equals(text)) return;
      if (result.diagnostics.length > 0) out(`${formatDiagnostics(result.diagnostics)}\n`);
      depend(source, [...(result.template ? [result.template] : []), ...(result.fonts ?? []).map((font) => font.file)]);
      const target = options.output(source);
      // buildSource gives a PDF only when there are no errors, or with --force.
      if (!result.pdf) {
        log(`未更新 ${target}：源文件有错误，保留上一次的 PDF，继续监视`);
        return;
      }
      try {
        await writeAtomic(target, result.pdf);
      } catch (error) {
        log(`无法写入 ${target}（${(error as NodeJS.ErrnoException).code ?? String(error)}）：保留上一次的 PDF，继续监视`);
        return;
      }
      log(`已生成 ${target}（${Math.round(performance.now() - started)} ms）`);
      options.onBuilt?.(source, result);
    } catch (error) {
      // nianbao's own bug (a user's mistake is a diagnostic): said in one line, and watch goes on.
      const detail = process.env.NIANBAO_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
      const { message, hint } = unexpectedError(error);
      log(`${message}（构建 ${source} 时）；保留上一次的 PDF，继续监视（${hint}）${detail}`);
      entry.seen = undefined; // the next event builds again
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

  const ready = (async () => {
    for (const source of sources) depend(source, [source]);
    for (const source of sources) await build(source);
  })();
  return {
    ready,
    close: async () => {
      closed = true;
      for (const entry of state.values()) if (entry.timer) clearTimeout(entry.timer);
      paths.close();
    },
  };
}
