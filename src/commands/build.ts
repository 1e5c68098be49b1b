/** `nianbao build`: sources → PDFs beside them (or -o / --out-dir), written atomically. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type BuildJob, type BuildOutcome, runJob } from '../batch/job.js';
import { runPool } from '../batch/pool.js';
import { progress } from '../batch/progress.js';
import { DEFAULT_TEMPLATE } from '../model/build.js';
import type { Report } from '../model/types.js';
import { formatDiagnostics, visible } from '../diagnostics/format.js';
import { sourcesOrFail } from '../files/inputs.js';
import { docxPath, guardOutputs, htmlPath, makeOutputFolders, planOutputs, type RunInput } from '../files/outputs.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { readPreviousReport } from '../files/read.js';
import { resolveFonts } from '../fonts/resolve.js';
import { checkSource } from '../pipeline.js';
import { templateFile } from '../template/load.js';
import { tierForOneRun } from '../bundle/tiering.js';

export interface BuildCommandOptions {
  out?: string;
  outDir?: string;
  force?: boolean;
  previous?: string;
  html?: boolean;
  docx?: boolean;
  embedFonts?: boolean;
  serve?: boolean | string;
}

/** The PDF a source builds to; `sources` is the whole run (--out-dir mirrors their folders). */
export function outputPath(source: string, options: BuildCommandOptions, sources: readonly string[] = [source]): string {
  const run = sources.includes(source) ? sources : [source];
  const target = planOutputs(run, options).find((t) => t.source === source);
  if (!target) throw new Error(`no output planned for ${source}`); // cannot happen: the run holds the source
  return target.pdf;
}

/** The template and fonts of a source that sets neither 模板 nor 字体. */
const PLAIN_CHOICE: { readonly template: string; readonly fonts: Readonly<Record<string, string>> } = { template: DEFAULT_TEMPLATE, fonts: {} };

/**
 * The template and font files each source would use: inputs the outputs must not replace. Only a
 * source that mentions 模板 or 字体 (or escapes a key) is parsed; the others use the default
 * template and the fonts found from their folder, looked up once per folder.
 */
async function dependencies(sources: readonly string[]): Promise<RunInput[]> {
  const found = new Map<string, RunInput>();
  const looked = new Set<string>();
  for (const source of sources) {
    // Only a regular file is read (a FIFO would block); anything else the build reports itself.
    const regular = await stat(source).then((info) => info.isFile(), () => false);
    const bytes = regular ? await readFile(source).catch(() => undefined) : undefined;
    if (bytes === undefined) continue; // unreadable: the build stops before using any
    const text = bytes.toString('utf8');
    const dir = path.dirname(path.resolve(source));
    // Text that is not UTF-8 (a GB 18030 source) cannot be searched this way: it is parsed.
    const mentions = /模板|字体|\\|\uFFFD/.test(text);
    // A source that names neither uses the defaults: known without parsing it (the build parses
    // and checks it anyway, and a second check was ~10 % of a one-report build).
    const chosen = mentions ? checkSource(source, bytes).report : PLAIN_CHOICE;
    if (!chosen) continue; // unparsable: likewise
    const key = JSON.stringify([dir, chosen.template, chosen.fonts]);
    if (looked.has(key)) continue;
    looked.add(key);
    try {
      const file = templateFile(dir, chosen.template);
      found.set(file, { file, role: '模板' });
    } catch {
      // a missing template is the build's diagnostic
    }
    try {
      for (const font of resolveFonts(dir, chosen.fonts)) found.set(font.file, { file: font.file, role: '字体' });
    } catch {
      // likewise a missing font
    }
  }
  return [...found.values()];
}

/**
 * The sources to build, once the run is known to write nothing over what it reads (shared by
 * build and watch): options that cannot go together, every output against every input and every
 * other output, then the output folders made.
 */
export async function buildTargets(inputs: string[], options: BuildCommandOptions): Promise<string[]> {
  if (options.out !== undefined && options.outDir !== undefined)
    throw new UsageError('-o 和 --out-dir 只能用一个', '一个源文件用 -o 指定输出文件，多个源文件用 --out-dir 指定输出目录');
  if (options.embedFonts && !options.docx)
    throw new UsageError('--embed-fonts 只用于 Word 文件（PDF 总是嵌入字体）', '同时加上 --docx，例如 nianbao build report.md --docx --embed-fonts');
  const files = await sourcesOrFail(inputs);
  if (options.out && files.length > 1) throw new UsageError('-o 只能用于一个源文件', '多个源文件请用 --out-dir 指定输出目录');
  const targets = planOutputs(files, options);
  const direct: RunInput[] = [
    ...files.map((file) => ({ file, role: '源文件' as const })),
    ...(options.previous ? [{ file: options.previous, role: '上一年的报告' as const }] : []),
  ];
  await guardOutputs(targets, direct, () => dependencies(files), options);
  // What -o names is replaced by a PDF: a name that is not a PDF's is a slip (`-o r.md`).
  if (options.out && !/\.pdf$/i.test(options.out))
    throw new UsageError(`-o“${options.out}”不是 PDF 文件名：输出文件应以 .pdf 结尾`, `例如 -o ${path.join(path.dirname(options.out), `${path.basename(options.out, path.extname(options.out))}.pdf`)}`);
  await makeOutputFolders(targets);
  return files;
}

export async function runBuild(inputs: string[], options: BuildCommandOptions): Promise<number> {
  const started = performance.now();
  tierForOneRun();
  const previous: Report | undefined = options.previous ? await readPreviousReport(options.previous) : undefined;
  const files = await buildTargets(inputs, options);
  const jobs: BuildJob[] = planOutputs(files, options).map(({ source: file, pdf }) => ({
    file,
    output: pdf,
    force: options.force === true,
    html: options.html === true,
    docx: options.docx === true,
    embedFonts: options.embedFonts === true,
    ...(process.env.SOURCE_DATE_EPOCH ? { sourceDateEpoch: process.env.SOURCE_DATE_EPOCH } : {}),
  }));
  const bar = progress(files.length);
  const outcomes: BuildOutcome[] = [];
  const report = (outcome: BuildOutcome) => {
    outcomes.push(outcome);
    if (outcome.diagnostics.length > 0) {
      bar.clear();
      process.stdout.write(`${formatDiagnostics(outcome.diagnostics)}\n`);
    }
    const line = outcome.written
      ? `已生成 ${[outcome.written, ...(options.html ? [htmlPath(outcome.written)] : []), ...(options.docx ? [docxPath(outcome.written)] : [])].join(' 和 ')}（${outcome.ms} ms）`
      : outcome.problem
        ? `未生成 ${outcome.file} 的 PDF：${outcome.problem}`
        : `未生成 ${outcome.file} 的 PDF：请先修正上面的错误${options.force ? '' : '（或加 --force）'}`;
    bar.tick(outcome.file, line, !outcome.written || outcome.failed || jobs.length === 1);
  };
  // Several sources build on a worker pool; one (or one with --previous) builds here.
  if (jobs.length > 1 && !previous) await runPool(jobs, report);
  else for (const job of jobs) report(await runJob(job, previous));
  bar.done();
  const failed = outcomes.filter((o) => o.failed);
  if (jobs.length > 1) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const written = outcomes.filter((o) => o.written).length;
    const lines = [`完成：${jobs.length} 个源文件，${written} 个 PDF 已生成，${failed.length} 个有错误，用时 ${seconds} 秒`];
    for (const outcome of failed) {
      const first = outcome.diagnostics.find((d) => d.severity === 'error');
      lines.push(`  ✗ ${first ? `${first.file}:${first.position.line}:${first.position.column} ${first.code} ${first.message}` : `${outcome.file}：${outcome.problem ?? ''}`}`);
    }
    process.stderr.write(`${visible(lines.join('\n'))}\n`);
  }
  // Every failure an I/O problem (unreadable source, unwritable output): a usage error.
  if (failed.length > 0 && failed.every((o) => o.problem)) return 2;
  return failed.length > 0 ? 1 : 0;
}
