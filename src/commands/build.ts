/** `nianbao build`: sources → PDFs beside them (or -o / --out-dir), written atomically. */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSource } from '../build/index.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { hasErrors } from '../diagnostics/types.js';
import { resolveInputs } from '../files/inputs.js';
import { writeAtomic } from '../files/write.js';
import { checkSource } from '../pipeline.js';
import { UsageError } from './errors.js';

export interface BuildCommandOptions {
  out?: string;
  outDir?: string;
  force?: boolean;
  previous?: string;
}

export async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' ? '没有读取权限' : code === 'EISDIR' ? '这是一个目录' : code === 'ENOENT' ? '文件不存在' : `读取失败（${code}）`;
    throw new UsageError(`无法读取“${file}”：${reason}`, '检查文件路径和权限');
  }
}

export function outputPath(source: string, options: BuildCommandOptions): string {
  if (options.out) return options.out;
  const name = `${path.basename(source, path.extname(source))}.pdf`;
  return options.outDir ? path.join(options.outDir, name) : path.join(path.dirname(source), name);
}

export async function runBuild(inputs: string[], options: BuildCommandOptions): Promise<number> {
  const { files, problems } = await resolveInputs(inputs);
  if (problems.length > 0) throw new UsageError(problems.map((p) => p.message).join('\n'), problems[0]?.hint ?? '');
  if (options.out && files.length > 1) throw new UsageError('-o 只能用于一个源文件', '多个源文件请用 --out-dir 指定输出目录');
  if (options.outDir) await mkdir(options.outDir, { recursive: true });
  let previous;
  if (options.previous) {
    const checked = checkSource(options.previous, await readSource(options.previous));
    if (!checked.report) {
      process.stderr.write(`${formatDiagnostics(checked.diagnostics)}\n`);
      throw new UsageError(`上一年的报告“${options.previous}”无法读取为报告`, '先修正上一年报告里的错误');
    }
    previous = checked.report;
  }
  let failed = 0;
  for (const file of files) {
    const started = performance.now();
    const result = await buildSource(file, await readSource(file), {
      ...(options.force ? { force: true } : {}),
      ...(previous ? { previous } : {}),
      ...(process.env.SOURCE_DATE_EPOCH ? { sourceDateEpoch: process.env.SOURCE_DATE_EPOCH } : {}),
    });
    if (result.diagnostics.length > 0) process.stdout.write(`${formatDiagnostics(result.diagnostics)}\n`);
    if (hasErrors(result.diagnostics)) failed++;
    if (result.pdf) {
      const target = outputPath(file, options);
      try {
        await writeAtomic(target, result.pdf);
      } catch (error) {
        throw new UsageError(`无法写入“${target}”：${(error as NodeJS.ErrnoException).code ?? error}`, '检查输出目录是否存在、是否有写入权限');
      }
      process.stderr.write(`已生成 ${target}（${Math.round(performance.now() - started)} ms）\n`);
    } else {
      process.stderr.write(`未生成 ${file} 的 PDF：请先修正上面的错误${options.force ? '' : '（或加 --force）'}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
