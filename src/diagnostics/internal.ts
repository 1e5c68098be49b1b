/**
 * What is left when an error was not foreseen. Every mistake in a user's input is a Diagnostic or
 * a UsageError; the operating system's refusals (a file that cannot be written, a folder that is
 * a file) are I/O problems; only the rest is nianbao's own bug, reported as 内部错误 with a request
 * to report it.
 */
export const REPORT_REQUEST = '这是 nianbao 的缺陷，请把上面的信息和源文件报告给开发者（设置 NIANBAO_DEBUG=1 可显示调用栈）';

export function unexpectedError(error: unknown): { readonly message: string; readonly hint: string } {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
    return { message: `文件操作失败${path ? `：“${path}”` : ''}（${code}）`, hint: '检查文件路径、权限和磁盘空间' };
  return { message: `内部错误：${text}`, hint: REPORT_REQUEST };
}
