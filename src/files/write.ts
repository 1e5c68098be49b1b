/** Atomic writes: a temporary file beside the target, then a rename. Never a half-written PDF. */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A write refused or failed, said in Chinese (the message names the file and the reason). */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    /** The system's error code, when the system refused. */
    readonly code?: string,
  ) {
    super(`无法写入“${file}”：${reason}`);
  }
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  ENOENT: '目录不存在，或那里不能新建文件',
  ENOTDIR: '路径中有一段不是目录',
  EISDIR: '这是一个目录',
  ENOSPC: '磁盘已满',
  EDQUOT: '超出磁盘配额',
  EROFS: '文件系统是只读的',
  EBUSY: '文件正被占用',
};

/** A non-regular file at an output path, named as the messages name it. */
function notRegular(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return '那里是一个目录';
  if (info.isFIFO()) return '那里是一个命名管道（FIFO）';
  if (info.isCharacterDevice() || info.isBlockDevice()) return '那里是一个设备';
  return '那里不是普通文件';
}

/** A system error's reason, in Chinese. */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? `写入失败（${code ?? String(error)}）`;
}

/** Why a write failed, in Chinese: `无法写入“x”：没有写入权限`. */
export function writeFailure(error: unknown): string {
  if (error instanceof WriteError) return error.message;
  return `无法写入“${(error as NodeJS.ErrnoException).path ?? ''}”：${reason(error)}`;
}

/**
 * Writes `data` to `file` through a temporary file in the same folder and a rename, so that the
 * file is always either the old one or the new one whole. Outputs are only ever regular files:
 * a directory, FIFO or device at the path (or behind a link there) is refused, not replaced.
 */
export async function writeAtomic(file: string, data: Buffer | string): Promise<void> {
  const existing = await stat(file).catch(() => undefined);
  const refused = existing && notRegular(existing);
  if (refused) throw new WriteError(file, `${refused}，nianbao 只写普通文件，不会替换它`);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new WriteError(file, reason(error), (error as NodeJS.ErrnoException).code);
  }
}
