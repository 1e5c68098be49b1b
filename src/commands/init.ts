/** `nianbao init`: a new source, never over an existing file. */
import { existsSync } from 'node:fs';
import { writeAtomic } from '../files/write.js';
import { initialSource } from '../init/source.js';
import { readPreviousReport } from '../files/read.js';
import { UsageError } from '../diagnostics/usage-error.js';

export interface InitCommandOptions {
  year?: number | string;
  from?: string;
}

export async function runInit(file: string | undefined, options: InitCommandOptions): Promise<number> {
  const previous = options.from ? await readPreviousReport(options.from) : undefined;
  const year = options.year !== undefined ? Number(options.year) : previous ? previous.year + 1 : new Date().getFullYear() - 1;
  if (!Number.isInteger(year) || year < 2008 || year > 2100) {
    throw new UsageError(`--year 应当是四位年份，这里是“${options.year}”`, '例如 nianbao init --year 2024');
  }
  const target = file ?? `${year}.md`;
  if (existsSync(target)) throw new UsageError(`“${target}”已经存在，不会覆盖`, '换一个文件名，或先移走原文件');
  const text = initialSource({ year, ...(previous ? { previous } : {}) });
  try {
    await writeAtomic(target, text);
  } catch (error) {
    throw new UsageError(`无法写入“${target}”（${(error as NodeJS.ErrnoException).code}）`, '检查目录是否存在、是否有写入权限');
  }
  process.stderr.write(`已创建 ${target}（${year} 年度${previous ? `，上年结转取自 ${options.from}` : ''}）\n`);
  return 0;
}
