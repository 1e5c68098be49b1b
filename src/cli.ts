/** The command line: parses arguments and calls the stages. Nothing else lives here. */
import { type Command, cac } from 'cac';
import { visible } from './diagnostics/format.js';
import type { BuildCommandOptions } from './commands/build.js';
import { UsageError } from './diagnostics/usage-error.js';
import { unexpectedError } from './diagnostics/internal.js';
import { packageVersion } from './commands/version.js';
import type { InitCommandOptions } from './commands/init.js';

const EXIT = { ok: 0, usage: 2 } as const;

/** The output options build and watch share. */
function outputOptions(command: Command): Command {
  return command
    .option('-o, --out <文件>', '输出文件（只有一个源文件时）')
    .option('--out-dir <目录>', '输出目录（不存在会自动创建；多个目录里的源文件按其相对位置分开存放）')
    .option('--force', '即使检查出错误也生成 PDF（错误照常列出，退出码仍为 1）');
}

/** cac's help, in Chinese: its section titles and its own two options' descriptions. */
const HELP_TITLES: Readonly<Record<string, string>> = {
  Usage: '用法',
  Commands: '命令',
  Options: '选项',
  Examples: '示例',
};

/** Columns a string takes on a terminal: CJK characters take two. */
const columns = (text: string) => [...text].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);

/** cac pads a name column by characters; Chinese names need it by columns. */
function alignColumns(body: string): string {
  const rows = body.split('\n').map((line) => /^ {2}(\S.*?) {2,}(\S.*?)\s*$/.exec(line));
  if (rows.some((row) => !row)) return body;
  const width = Math.max(...rows.map((row) => columns(row?.[1] ?? '')));
  return rows.map((row) => `  ${row?.[1]}${' '.repeat(width - columns(row?.[1] ?? ''))}  ${row?.[2]}`).join('\n');
}

function chineseHelp(sections: { title?: string; body: string }[]): { title?: string; body: string }[] {
  return sections.map((section, index) => {
    if (index === 0) return { body: `${section.body.replace('/', ' ')}：政府信息公开工作年度报告的检查与排版` };
    const title = section.title === undefined ? undefined : (HELP_TITLES[section.title] ?? (section.title.startsWith('For more info') ? '各命令的详细用法' : section.title));
    const body =
      section.title === 'Examples'
        ? section.body.split('\n').map((line) => `  $ ${line}`).join('\n')
        : section.title === 'Commands' || section.title === 'Options'
          ? alignColumns(section.body)
          : section.body.replace('<command> [options]', '<命令> [选项]');
    return { ...(title ? { title } : {}), body };
  });
}

/**
 * An option's value as typed. cac's parser turns a value that looks like a number into one
 * (`-o 007` → 7, `-o ''` → 0), which would change a file name: such a value is read back from
 * the command line. Given twice, it is a usage error rather than an array passed on.
 */
function textOption(argv: readonly string[], value: unknown, flags: readonly string[]): string | undefined {
  const shown = flags.join('/');
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new UsageError(`选项 ${shown} 只能写一次`, '去掉多余的一个');
  let text = String(value);
  if (typeof value === 'number') {
    for (const [index, arg] of argv.entries()) {
      const flag = flags.find((f) => arg === f || arg.startsWith(`${f}=`));
      if (!flag) continue;
      text = arg === flag ? (argv[index + 1] ?? text) : arg.slice(flag.length + 1);
      break;
    }
  }
  if (text.trim() === '') throw new UsageError(`选项 ${shown} 的取值是空的`, '运行 nianbao --help 查看用法');
  return text;
}

/** A switch given a value or twice: on. */
const switchOption = (value: unknown): boolean | undefined => (value === undefined ? undefined : value !== false);

function buildOptions(argv: readonly string[], raw: Record<string, unknown>): BuildCommandOptions {
  const out = textOption(argv, raw.out, ['-o', '--out']);
  const outDir = textOption(argv, raw.outDir, ['--out-dir']);
  const previous = textOption(argv, raw.previous, ['--previous']);
  const force = switchOption(raw.force);
  const html = switchOption(raw.html);
  const docx = switchOption(raw.docx);
  const embedFonts = switchOption(raw.embedFonts);
  return {
    ...(out !== undefined ? { out } : {}),
    ...(outDir !== undefined ? { outDir } : {}),
    ...(previous !== undefined ? { previous } : {}),
    ...(force !== undefined ? { force } : {}),
    ...(html !== undefined ? { html } : {}),
    ...(docx !== undefined ? { docx } : {}),
    ...(embedFonts !== undefined ? { embedFonts } : {}),
    ...(raw.serve !== undefined ? { serve: raw.serve as boolean | string } : {}),
  };
}

export async function main(argv: string[]): Promise<number> {
  const cli = cac('nianbao');
  let pending: Promise<number> | undefined;
  const names = (files: unknown[]) => files.map(String);
  cli
    .command('check <...源文件>', '检查报告源文件：结构、勾稽关系、日期、文号和六个部分')
    .option('--format <格式>', '输出格式：text（默认）或 json')
    .option('--previous <文件>', '上一年的报告：核对上年结转，比较文字重复率和数字的骤增骤减')
    .option('--summary <文件>', '另写一个汇总网页（.html）：每份报告的状态和问题、每条规则涉及几份报告、图表')
    .example('nianbao check examples/*.md')
    .example('nianbao check 2022.md --previous 2021.md')
    .example('nianbao check 乡镇/ --summary 汇总.html')
    .action((files: unknown[], options: Record<string, unknown>) => {
      const format = textOption(argv, options.format, ['--format']);
      const previous = textOption(argv, options.previous, ['--previous']);
      const summary = textOption(argv, options.summary, ['--summary']);
      const chosen = { ...(format ? { format } : {}), ...(previous ? { previous } : {}), ...(summary ? { summary } : {}) };
      pending = import('./commands/check.js').then((m) => m.runCheck(names(files), chosen));
    });
  outputOptions(cli.command('build <...源文件>', '生成 PDF：检查通过后按模板排版为 GB/T 9704 公文'))
    .option('--previous <文件>', '上一年的报告：核对上年结转，比较文字重复率和数字的骤增骤减')
    .option('--html', '同时生成网页版（与 PDF 同名的 .html，独立文件，不引用外部资源）')
    .option('--docx', '同时生成 Word 文件（与 PDF 同名的 .docx，可在 Word、WPS 里继续编辑）')
    .option('--embed-fonts', '在 Word 文件里嵌入排版用的字体（没有装公文字体的电脑上也显示正确；文件较大）')
    .example('nianbao build report.md')
    .example('nianbao build reports/ --out-dir pdf')
    .action((files: unknown[], options: Record<string, unknown>) => {
      const chosen = buildOptions(argv, options);
      pending = import('./commands/build.js').then((m) => m.runBuild(names(files), chosen));
    });
  outputOptions(cli.command('watch <...源文件>', '监视源文件、模板和字体，每次保存后重新生成 PDF'))
    .option('--docx', '每次生成 PDF 时同时生成 Word 文件（.docx）')
    .option('--embed-fonts', '在 Word 文件里嵌入排版用的字体')
    .option('--serve [端口]', '在本机 http://127.0.0.1:端口/ 提供网页预览，每次重新生成后浏览器自动刷新（默认端口 8360）')
    .example('nianbao watch report.md')
    .example('nianbao watch report.md --serve')
    .action((files: unknown[], options: Record<string, unknown>) => {
      const chosen = buildOptions(argv, options);
      pending = import('./commands/watch.js').then((m) => m.runWatch(names(files), chosen));
    });
  cli
    .command('init [文件]', '新建报告源文件（默认 年度.md）；--from 从上一年的报告带入机关信息和结转数')
    .option('--year <年份>', '报告年度（默认上一年，或 --from 的下一年）')
    .option('--from <文件>', '上一年的报告')
    .example('nianbao init 2024.md --from 2023.md')
    .action((file: unknown, options: Record<string, unknown>) => {
      const year = textOption(argv, options.year, ['--year']);
      const from = textOption(argv, options.from, ['--from']);
      const chosen: InitCommandOptions = { ...(year !== undefined ? { year } : {}), ...(from !== undefined ? { from } : {}) };
      pending = import('./commands/init.js').then((m) => m.runInit(file === undefined ? undefined : String(file), chosen));
    });
  cli
    .command('import <...原文>', '导入已发布的报告（PDF、网页 HTML、Word DOCX、文本）为源文件：元数据、三张表逐格、六个部分的正文')
    .option('-o, --out <文件>', '输出的源文件（只有一个原文时；默认与原文同名的 .md）')
    .option('--out-dir <目录>', '输出目录')
    .example('nianbao import 南口镇2020年报.pdf')
    .example('nianbao import reports/*.html --out-dir sources')
    .action((files: unknown[], options: Record<string, unknown>) => {
      const out = textOption(argv, options.out, ['-o', '--out']);
      const outDir = textOption(argv, options.outDir, ['--out-dir']);
      pending = import('./commands/import.js').then((m) => m.runImport(names(files), { ...(out !== undefined ? { out } : {}), ...(outDir !== undefined ? { outDir } : {}) }));
    });
  cli
    .command('fonts [文件]', '列出各角色使用的字体文件，以及是否是随附的后备字体')
    .example('nianbao fonts report.md')
    .action((file: unknown) => {
      pending = import('./commands/fonts.js').then((m) => m.runFonts(file === undefined ? undefined : String(file)));
    });
  cli
    .command('lsp', '语言服务器（LSP）：在编辑器里实时检查、补全、悬停显示合计、快速修复；经标准输入输出通信')
    .option('--stdio', '经标准输入输出通信（默认，也是唯一的方式）')
    .allowUnknownOptions()
    .example('nianbao lsp --stdio')
    .action(() => {
      pending = import('./commands/lsp.js').then((m) => m.runLsp());
    });
  cli.help(chineseHelp);
  cli.version(await packageVersion());
  for (const option of cli.globalCommand.options) {
    if (option.name === 'help') option.description = '显示帮助（放在命令后面显示该命令的选项）';
    if (option.name === 'version') option.description = '显示版本号';
  }
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
  const unused = /^Unused args: (.+)$/.exec(text);
  if (unused)
    return {
      message: `多余的参数：${[...(unused[1] ?? '').matchAll(/`([^`]*)`/g)].map((m) => `“${m[1]}”`).join('、')}`,
      hint: '运行 nianbao --help 查看用法',
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
