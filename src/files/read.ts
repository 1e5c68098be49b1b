/** Reading a source at the edge: a missing or unreadable file is a usage error (exit 2). */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../commands/errors.js';

export async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' ? '没有读取权限' : code === 'EISDIR' ? '这是一个目录' : code === 'ENOENT' ? '文件不存在' : `读取失败（${code}）`;
    throw new UsageError(`无法读取“${file}”：${reason}`, '检查文件路径和权限');
  }
}

/** Last year's report (for --previous and --from): its own errors are shown; it must at least parse. */
export async function readPreviousReport(file: string): Promise<import('../model/types.js').Report> {
  const { checkSource } = await import('../pipeline.js');
  const { formatDiagnostics } = await import('../diagnostics/format.js');
  const checked = checkSource(file, await readSource(file));
  if (!checked.report) {
    process.stderr.write(`${formatDiagnostics(checked.diagnostics)}\n`);
    throw new UsageError(`上一年的报告“${file}”无法读取为报告`, '先修正上一年报告里的错误');
  }
  return checked.report;
}
