/**
 * Reading an input file safely: only a regular file, and only up to a size cap checked before a
 * byte is read. A FIFO would block the open (or the read) forever, a device can be endless, a
 * directory cannot be read, and a 2 GB sparse file would be read whole before being rejected.
 * The file is opened non-blocking (a FIFO opens at once instead of waiting for a writer) and its
 * kind and size are taken from the open descriptor, so a file swapped after a check is not read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** The caps, in bytes: a report source is ~10 KB, a template ~1 KB, a CJK font 10–30 MB. */
export const SIZE_LIMITS = {
  source: 8 * 1024 * 1024,
  template: 1024 * 1024,
  font: 64 * 1024 * 1024,
} as const;

/** Why an input cannot be read, in Chinese (the caller names the file and adds a hint). */
export class UnreadableFile extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`无法读取“${file}”：${reason}`);
  }
}

/** What a file that is not a regular one is, as a noun; undefined for a regular file. */
export function fileKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return '目录';
  if (stats.isFIFO()) return '命名管道（FIFO）';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return '设备';
  if (stats.isSocket()) return '套接字';
  return '特殊文件';
}

function kindOf(stats: Stats): string | undefined {
  const kind = fileKind(stats);
  if (kind === undefined) return undefined;
  if (kind === '目录') return '这是一个目录，不是文件';
  return kind === '特殊文件' ? '不是普通文件' : `这是一个${kind}，不是普通文件`;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Errno codes → the reason a clerk can act on. */
export function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  if (code === 'EISDIR') return '这是一个目录，不是文件';
  if (code === 'ENOENT') return '文件不存在';
  if (code === 'ELOOP') return '符号链接循环';
  return code ? `读取失败（${code}）` : '文件不完整或在读取时被改动';
}

/**
 * Opens `file` for reading when it is a regular file of at most `limit` bytes; returns the open
 * descriptor and its stats (the caller closes it). Throws UnreadableFile otherwise.
 */
export function openRegular(file: string, limit: number): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new UnreadableFile(file, errnoReason(error));
  }
  try {
    const stats = fstatSync(fd);
    const kind = kindOf(stats);
    if (kind) throw new UnreadableFile(file, kind);
    if (stats.size > limit) throw new UnreadableFile(file, `文件太大（${megabytes(stats.size)}，上限 ${megabytes(limit)}）`);
    return { fd, stats };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Reads exactly `length` bytes at `position`; a file that shrank while read is an error. */
export function readExactly(fd: number, file: string, into: Buffer, position: number, length: number): void {
  let done = 0;
  while (done < length) {
    let n: number;
    try {
      n = readSync(fd, into, position + done, length - done, position + done);
    } catch (error) {
      throw new UnreadableFile(file, errnoReason(error));
    }
    if (n === 0) throw new UnreadableFile(file, '文件在读取时变短了');
    done += n;
  }
}

/** A regular file of at most `limit` bytes, whole, with its stats. */
export function readRegularFile(file: string, limit: number): { bytes: Buffer; stats: Stats } {
  const { fd, stats } = openRegular(file, limit);
  try {
    const bytes = Buffer.alloc(stats.size);
    readExactly(fd, file, bytes, 0, stats.size);
    return { bytes, stats };
  } finally {
    closeSync(fd);
  }
}
