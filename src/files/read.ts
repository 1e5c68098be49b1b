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
