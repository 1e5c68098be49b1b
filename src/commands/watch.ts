/** `nianbao watch`: keeps rebuilding until interrupted. */
import type { BuildResult } from '../build/index.js';
import { unexpectedError } from '../diagnostics/internal.js';
import { docxPath } from '../files/outputs.js';
import { writeAtomic, WriteError } from '../files/write.js';
import { reportHtml } from '../html/render.js';
import { type PreviewServer, RELOAD_SCRIPT, startPreview } from '../serve/index.js';
import { watchSources } from '../watch/index.js';
import { type BuildCommandOptions, buildTargets, outputPath } from './build.js';
import { UsageError } from '../diagnostics/usage-error.js';

/** The Word file beside the PDF just written; a failure is one line, and the last good file stays. */
async function writeDocx(target: string, result: BuildResult, embedFonts: boolean): Promise<void> {
  const started = performance.now();
  try {
    const epoch = process.env.SOURCE_DATE_EPOCH;
    const { docxOfBuild } = await import('../docx/build.js');
    const docx = await docxOfBuild(result, { embedFonts, ...(epoch ? { sourceDateEpoch: epoch } : {}) });
    if (!docx) return;
    await writeAtomic(target, docx);
    process.stderr.write(`已生成 ${target}（${Math.round(performance.now() - started)} ms）\n`);
  } catch (error) {
    const reason = error instanceof WriteError ? error.reason : unexpectedError(error).message;
    process.stderr.write(`无法生成 ${target}（${reason}）：保留上一次的 Word 文件，继续监视\n`);
  }
}

export async function runWatch(inputs: string[], options: BuildCommandOptions): Promise<number> {
  const files = await buildTargets(inputs, options);
  const port = options.serve === true ? 8360 : options.serve !== undefined && options.serve !== false ? Number(options.serve) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--serve 的端口“${options.serve}”不对`, '例如 nianbao watch report.md --serve 8360');
  }
  let preview: PreviewServer | undefined;
  if (port !== undefined) {
    try {
      preview = await startPreview(port, files[0] as string);
    } catch (error) {
      throw new UsageError(`无法在端口 ${port} 上启动预览（${(error as NodeJS.ErrnoException).code}）`, '换一个端口：--serve 8361');
    }
  }
  const output = (source: string) => outputPath(source, options, files);
  const onBuilt = (source: string, result: BuildResult) => {
    if (preview && result.tree) preview.update(source, reportHtml(result.tree, { tail: RELOAD_SCRIPT }));
    if (options.docx) void writeDocx(docxPath(output(source)), result, options.embedFonts === true);
  };
  const watcher = watchSources(files, {
    output,
    force: options.force === true,
    ...(preview || options.docx ? { onBuilt } : {}),
  });
  await watcher.ready;
  if (preview) process.stderr.write(`网页预览：${preview.url}（保存后自动刷新）\n`);
  process.stderr.write(`正在监视 ${files.length} 个源文件（按 Ctrl+C 退出）\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await watcher.close();
  await preview?.close();
  return 0;
}
