/** `nianbao watch`: keeps rebuilding until interrupted. */
import { mkdir } from 'node:fs/promises';
import { resolveInputs } from '../files/inputs.js';
import { watchSources } from '../watch/index.js';
import { type BuildCommandOptions, outputPath } from './build.js';
import { UsageError } from './errors.js';

export async function runWatch(inputs: string[], options: BuildCommandOptions): Promise<number> {
  const { files, problems } = await resolveInputs(inputs);
  if (problems.length > 0) throw new UsageError(problems.map((p) => p.message).join('\n'), problems[0]?.hint ?? '');
  if (options.out && files.length > 1) throw new UsageError('-o 只能用于一个源文件', '多个源文件请用 --out-dir 指定输出目录');
  if (options.outDir) await mkdir(options.outDir, { recursive: true });
  const watcher = watchSources(files, { output: (source) => outputPath(source, options), force: options.force === true });
  await watcher.ready;
  process.stderr.write(`正在监视 ${files.length} 个源文件（按 Ctrl+C 退出）\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await watcher.close();
  return 0;
}
