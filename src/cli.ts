/** The command line: parses arguments and calls the stages. Nothing else lives here. */
import { type Command, cac } from 'cac';
import { diagnosticsToJson, formatDiagnostics, visible } from './diagnostics/format.js';
import type { Diagnostic } from './diagnostics/types.js';
import { sourcesOrFail } from './files/inputs.js';
import type { BuildCommandOptions } from './commands/build.js';
import { UsageError } from './commands/errors.js';
import { unexpectedError } from './diagnostics/internal.js';
import { packageVersion } from './commands/version.js';
import { readPreviousReport, readSource } from './files/read.js';
import type { InitCommandOptions } from './commands/init.js';
import { checkSource } from './pipeline.js';

const EXIT = { ok: 0, input: 1, usage: 2 } as const;

interface CheckOptions {
  format?: string;
  previous?: string;
}

async function runCheck(inputs: string[], options: CheckOptions): Promise<number> {
  if (options.format && !['text', 'json'].includes(options.format)) {
    throw new UsageError(
      `--format 只能是 text 或 json，这里是“${options.format}”`,
      '例如 nianbao check report.md --format json',
    );
  }
  const files = await sourcesOrFail(inputs);
  const previous = options.previous ? await readPreviousReport(options.previous) : undefined;
  const all: Diagnostic[] = [];
  let failed = 0;
  // Read every file at once (I/O overlaps), then check them in order.
  const texts = await Promise.all(files.map(readSource));
  for (const [index, file] of files.entries()) {
    const checked = checkSource(file, texts[index] as Buffer, previous);
    all.push(...checked.diagnostics);
    if (!checked.ok) failed++;
  }
  if (options.format === 'json') {
    process.stdout.write(`${diagnosticsToJson(all)}\n`);
  } else {
    if (all.length > 0) process.stdout.write(`${formatDiagnostics(all)}\n`);
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.length - errors;
    const summary = `检查了 ${files.length} 个文件：${errors} 个错误，${warnings} 个警告`;
    process.stderr.write(`${summary}\n`);
  }
  return failed > 0 ? EXIT.input : EXIT.ok;
}

/** The output options build and watch share. */
function outputOptions(command: Command): Command {
  return command
    .option('-o, --out <file>', '输出文件（只有一个源文件时）')
    .option('--out-dir <dir>', '输出目录（默认与源文件同目录）')
    .option('--force', '即使检查出错误也生成 PDF（错误照常列出，退出码仍为 1）');
}

export async function main(argv: string[]): Promise<number> {
  const cli = cac('nianbao');
  let pending: Promise<number> | undefined;
  cli
    .command('check <...files>', '检查报告源文件：结构、勾稽关系、日期、文号和六个部分')
    .option('--format <format>', '输出格式：text 或 json', { default: 'text' })
    .option('--previous <file>', '上一年的报告：核对上年结转')
    .example('nianbao check examples/*.md')
    .example('nianbao check 2022.md --previous 2021.md')
    .action((files: string[], options: CheckOptions) => {
      pending = runCheck(files, options);
    });
  outputOptions(cli.command('build <...files>', '生成 PDF：检查通过后按模板排版为 GB/T 9704 公文'))
    .option('--previous <file>', '上一年的报告：核对上年结转')
    .option('--html', '同时生成网页版（与 PDF 同名的 .html，独立文件，不引用外部资源）')
    .example('nianbao build report.md')
    .example('nianbao build reports/ --out-dir pdf')
    .action((files: string[], options: BuildCommandOptions) => {
      pending = import('./commands/build.js').then((m) => m.runBuild(files, options));
    });
  outputOptions(cli.command('watch <...files>', '监视源文件、模板和字体，每次保存后重新生成 PDF'))
    .option('--serve [port]', '在本机 http://127.0.0.1:端口/ 提供网页预览，每次重新生成后浏览器自动刷新（默认端口 8360）')
    .example('nianbao watch report.md')
    .example('nianbao watch report.md --serve')
    .action((files: string[], options: BuildCommandOptions) => {
      pending = import('./commands/watch.js').then((m) => m.runWatch(files, options));
    });
  cli
    .command('init [file]', '新建报告源文件（默认 年度.md）；--from 从上一年的报告带入机关信息和结转数')
    .option('--year <year>', '报告年度（默认上一年，或 --from 的下一年）')
    .option('--from <file>', '上一年的报告')
    .example('nianbao init 2024.md --from 2023.md')
    .action((file: string | undefined, options: InitCommandOptions) => {
      pending = import('./commands/init.js').then((m) => m.runInit(file, options));
    });
  cli
    .command('fonts [file]', '列出各角色使用的字体文件，以及是否是随附的后备字体')
    .example('nianbao fonts report.md')
    .action((file: string | undefined) => {
      pending = import('./commands/fonts.js').then((m) => m.runFonts(file));
    });
  cli.help();
  cli.version(await packageVersion());
  cli.parse(argv, { run: false });
  if (cli.options.help || cli.options.version) return EXIT.ok;
  if (!cli.matchedCommand) {
    if (cli.args.length > 0)
      throw new UsageError(`未知命令“${cli.args[0]}”`, '运行 nianbao --help 查看可用命令');
    cli.outputHelp();
    return EXIT.usage;
  }
  await cli.runMatchedCommand();
  return pending ? await pending : EXIT.ok;
}

function explain(error: unknown): { message: string; hint: string } {
  if (error instanceof UsageError) return { message: error.message, hint: error.hint };
  const text = error instanceof Error ? error.message : String(error);
  const unknownOption = /Unknown option `(.+?)`/.exec(text);
  if (unknownOption)
    return { message: `未知选项“${unknownOption[1]}”`, hint: '运行 nianbao --help 查看可用选项' };
  const missing = /missing required args for command `(.+?)`/.exec(text);
  if (missing)
    return {
      message: `命令“${missing[1]?.split(' ')[0]}”缺少参数`,
      hint: `例如 nianbao ${missing[1]?.split(' ')[0]} report.md`,
    };
  const value = /option `(.+?)` value is missing/.exec(text);
  if (value)
    return {
      message: `选项“${value[1]?.split(' ')[0]}”缺少取值`,
      hint: '运行 nianbao --help 查看用法',
    };
  return unexpectedError(error);
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { message, hint } = explain(error);
    process.stderr.write(visible(`nianbao: ${message}\n  提示：${hint}\n`));
    if (process.env.NIANBAO_DEBUG && error instanceof Error)
      process.stderr.write(`${error.stack}\n`);
    process.exitCode = EXIT.usage;
  },
);
