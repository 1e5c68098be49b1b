/** `nianbao watch`: keeps rebuilding until interrupted. */
import type { BuildResult } from '../build/index.js';
import { reportHtml } from '../html/render.js';
import { type PreviewServer, RELOAD_SCRIPT, startPreview } from '../serve/index.js';
import { watchSources } from '../watch/index.js';
import { type BuildCommandOptions, buildTargets, outputPath } from './build.js';
import { UsageError } from '../diagnostics/usage-error.js';

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
  const watcher = watchSources(files, {
    output: (source) => outputPath(source, options, files),
    force: options.force === true,
    ...(preview
      ? {
          onBuilt: (source: string, result: BuildResult) => {
            if (result.tree) preview?.update(source, reportHtml(result.tree, { tail: RELOAD_SCRIPT }));
          },
        }
      : {}),
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
