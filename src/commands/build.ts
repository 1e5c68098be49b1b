/** `nianbao build`: sources → PDFs beside them (or -o / --out-dir), written atomically. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type BuildJob, type BuildOutcome, htmlPath, runJob } from '../batch/job.js';
import { runPool } from '../batch/pool.js';
import { progress } from '../batch/progress.js';
import type { Report } from '../model/types.js';
import { formatDiagnostics, visible } from '../diagnostics/format.js';
import { sourcesOrFail } from '../files/inputs.js';
import { UsageError } from './errors.js';
import { readPreviousReport } from '../files/read.js';

export interface BuildCommandOptions {
  out?: string;
  outDir?: string;
  force?: boolean;
  previous?: string;
  html?: boolean;
  serve?: boolean | string;
}

export function outputPath(source: string, options: BuildCommandOptions): string {
  if (options.out) return options.out;
  const name = `${path.basename(source, path.extname(source))}.pdf`;
  return options.outDir ? path.join(options.outDir, name) : path.join(path.dirname(source), name);
}

/** The sources to build, checked against -o and with --out-dir made: shared by build and watch. */
export async function buildTargets(inputs: string[], options: BuildCommandOptions): Promise<string[]> {
  const files = await sourcesOrFail(inputs);
  if (options.out && files.length > 1) throw new UsageError('-o 只能用于一个源文件', '多个源文件请用 --out-dir 指定输出目录');
  if (options.outDir) await mkdir(options.outDir, { recursive: true });
  return files;
}

export async function runBuild(inputs: string[], options: BuildCommandOptions): Promise<number> {
  const started = performance.now();
  const files = await buildTargets(inputs, options);
  const previous: Report | undefined = options.previous ? await readPreviousReport(options.previous) : undefined;
  const jobs: BuildJob[] = files.map((file) => ({
    file,
    output: outputPath(file, options),
    force: options.force === true,
    html: options.html === true,
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
      ? `已生成 ${outcome.written}${options.html ? ` 和 ${htmlPath(outcome.written)}` : ''}（${outcome.ms} ms）`
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
