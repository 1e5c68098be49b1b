/** `nianbao fonts`: each role, the file it resolved to, and whether that is the shipped fallback. */
import path from 'node:path';
import { FontError, resolveFonts } from '../fonts/resolve.js';
import { checkSource } from '../pipeline.js';
import { readSource } from '../files/read.js';
import { UsageError } from '../diagnostics/usage-error.js';

const SOURCES = { source: '源文件“字体”指定', 'beside-report': '报告旁边', system: '系统已安装', shipped: '随附的 Fandol 字体（后备）' };

export async function runFonts(file: string | undefined): Promise<number> {
  let reportDir = process.cwd();
  let chosen: Record<string, string> = {};
  if (file) {
    const checked = checkSource(file, await readSource(file));
    reportDir = path.dirname(path.resolve(file));
    chosen = { ...(checked.report?.fonts ?? {}) };
  }
  try {
    for (const font of resolveFonts(reportDir, chosen)) {
      process.stdout.write(`${font.role}\t${path.relative(process.cwd(), font.file) || font.file}\t${SOURCES[font.source]}\n`);
    }
  } catch (error) {
    if (error instanceof FontError) throw new UsageError(error.message, error.hint);
    throw error;
  }
  return 0;
}
