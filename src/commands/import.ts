/**
 * `nianbao import <file…> [-o out.md | --out-dir dir]`: published reports → nianbao sources.
 * Each source is written beside its original (`报告.pdf` → `报告.md`) unless -o or --out-dir says
 * otherwise; an existing file is never replaced, and no output may be an input. Writes are atomic.
 */
import { existsSync } from 'node:fs';
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostics } from '../diagnostics/format.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { readFailure } from '../files/read.js';
import { readRegularFile } from '../files/regular.js';
import { WriteError, writeAtomic, writeFailure } from '../files/write.js';
import { ImportError, importFile } from '../import/index.js';

export interface ImportCommandOptions {
  out?: string;
  outDir?: string;
}

/** Published reports are PDFs of a few MB at most; a scanned one can be larger. */
const IMPORT_LIMIT = 64 * 1024 * 1024;

/** The source a published file imports to. */
export function importTarget(file: string, options: ImportCommandOptions): string {
  if (options.out) return options.out;
  const name = `${path.basename(file, path.extname(file))}.md`;
  return path.join(options.outDir ?? path.dirname(file), name);
}

async function resolved(file: string): Promise<string> {
  const absolute = path.resolve(file);
  return realpath(absolute).catch(async () => path.join(await realpath(path.dirname(absolute)).catch(() => path.dirname(absolute)), path.basename(absolute)));
}

export async function runImport(inputs: string[], options: ImportCommandOptions): Promise<number> {
  if (options.out !== undefined && options.outDir !== undefined)
    throw new UsageError('-o 和 --out-dir 只能用一个', '一个文件用 -o 指定输出文件，多个文件用 --out-dir 指定输出目录');
  if (options.out !== undefined && inputs.length > 1) throw new UsageError('-o 只能用于一个文件', '多个文件请用 --out-dir 指定输出目录');
  if (options.out !== undefined && !/\.(md|markdown)$/i.test(options.out))
    throw new UsageError(`-o“${options.out}”不是源文件名：导入的结果应以 .md 结尾`, `例如 -o ${path.join(path.dirname(options.out), `${path.basename(options.out, path.extname(options.out))}.md`)}`);
  // Every output against every input and every other output, before anything is written.
  const targets = inputs.map((file) => ({ file, target: importTarget(file, options) }));
  const inputsResolved = new Map(await Promise.all(inputs.map(async (f) => [await resolved(f), f] as const)));
  const seen = new Map<string, string>();
  for (const { file, target } of targets) {
    const at = await resolved(target);
    const clash = inputsResolved.get(at);
    if (clash) throw new UsageError(`输出“${target}”就是输入“${clash}”：导入会覆盖原文件`, '用 -o 或 --out-dir 指定另一个位置');
    const twice = seen.get(at);
    if (twice) throw new UsageError(`“${twice}”和“${file}”都会导入为“${target}”`, '用 --out-dir 分开存放，或逐个用 -o 指定文件名');
    seen.set(at, file);
    if (existsSync(target)) throw new UsageError(`“${target}”已经存在，不会覆盖`, `换一个文件名（-o 另一个.md），或先移走“${target}”`);
  }
  if (options.outDir) await mkdir(options.outDir, { recursive: true }).catch((error: unknown) => {
    throw new UsageError(`无法创建目录“${options.outDir}”（${(error as NodeJS.ErrnoException).code}）`, '检查路径和权限');
  });
  let failed = 0;
  let problems = 0;
  for (const { file, target } of targets) {
    let bytes: Buffer;
    try {
      bytes = readRegularFile(file, IMPORT_LIMIT).bytes;
    } catch (error) {
      process.stderr.write(`nianbao: ${readFailure(file, error)}\n  提示：检查文件路径和权限\n`);
      problems++;
      continue;
    }
    try {
      const result = await importFile(file, bytes);
      await writeAtomic(target, result.source);
      const diagnostics = result.diagnostics.map((d) => ({ ...d, file: target }));
      if (diagnostics.length > 0) process.stdout.write(`${formatDiagnostics(diagnostics)}\n`);
      const uncertain = diagnostics.filter((d) => d.code === 'import-uncertain').length;
      process.stderr.write(`已导入 ${file} → ${target}${uncertain > 0 ? `（${uncertain} 处无法确定，写为 ~，见上面的警告）` : ''}\n`);
    } catch (error) {
      if (error instanceof ImportError) {
        process.stdout.write(`${formatDiagnostics([{ file, position: { line: 1, column: 1 }, severity: 'error', code: 'import-failed', message: error.message, hint: error.hint }])}\n`);
        failed++;
      } else if (error instanceof WriteError) {
        process.stderr.write(`nianbao: ${writeFailure(error)}\n  提示：检查目录是否存在、是否有写入权限\n`);
        problems++;
      } else throw error;
    }
  }
  if (failed > 0) return 1;
  return problems > 0 ? 2 : 0;
}
