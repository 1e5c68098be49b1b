/** Reading sources at the edge: a missing or unreadable file is a usage error (exit 2). */
import { UsageError } from '../diagnostics/usage-error.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { Report } from '../model/types.js';
import { checkInput } from '../commands/published.js';
import { errnoReason, readRegularFile, SIZE_LIMITS, UnreadableFile } from './regular.js';

/** Why a file could not be read, in Chinese: `无法读取“x”：没有读取权限`. */
export function readFailure(file: string, error: unknown): string {
  return error instanceof UnreadableFile ? error.message : `无法读取“${file}”：${errnoReason(error)}`;
}

/** A source's bytes: a regular file only (a FIFO or a device never blocks the run), size-capped. */
export function readSourceBytes(file: string): Buffer {
  return readRegularFile(file, SIZE_LIMITS.source).bytes;
}

/** The source's bytes: the pipeline decodes them (src/source/decode.ts), so that every command reads encodings alike. */
export async function readSource(file: string): Promise<Buffer> {
  try {
    return readSourceBytes(file);
  } catch (error) {
    throw new UsageError(readFailure(file, error), '检查文件路径和权限：源文件必须是普通文件（不能是目录、管道或设备）');
  }
}

/**
 * Last year's report (for --previous and --from), a source or a published report (imported in
 * memory): its own errors are shown; it must at least parse.
 */
export async function readPreviousReport(file: string): Promise<Report> {
  const checked = await checkInput(file, await readSource(file));
  if (!checked.report) {
    process.stderr.write(`${formatDiagnostics(checked.diagnostics)}\n`);
    throw new UsageError(`上一年的报告“${file}”无法读取为报告`, '先修正上一年报告里的错误');
  }
  return checked.report;
}
