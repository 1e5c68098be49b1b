/** Reading sources at the edge: a missing or unreadable file is a usage error (exit 2). */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../commands/errors.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { Report } from '../model/types.js';
import { checkSource } from '../pipeline.js';

/** Why a file could not be read, in Chinese: `无法读取“x”：没有读取权限`. */
export function readFailure(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EACCES' ? '没有读取权限' : code === 'EISDIR' ? '这是一个目录' : code === 'ENOENT' ? '文件不存在' : `读取失败（${code}）`;
  return `无法读取“${file}”：${reason}`;
}

/** The source's bytes: the pipeline decodes them (src/source/decode.ts), so that every command reads encodings alike. */
export async function readSource(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(readFailure(file, error), '检查文件路径和权限');
  }
}

/** Last year's report (for --previous and --from): its own errors are shown; it must at least parse. */
export async function readPreviousReport(file: string): Promise<Report> {
  const checked = checkSource(file, await readSource(file));
  if (!checked.report) {
    process.stderr.write(`${formatDiagnostics(checked.diagnostics)}\n`);
    throw new UsageError(`上一年的报告“${file}”无法读取为报告`, '先修正上一年报告里的错误');
  }
  return checked.report;
}
