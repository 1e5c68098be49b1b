/** `nianbao check`: sources (or published reports) → diagnostics on stdout, a count on stderr; exit 1 if any has errors. */
import { diagnosticsToJson, formatDiagnostics } from '../diagnostics/format.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { sourcesOrFail } from '../files/inputs.js';
import { readPreviousReport, readSource } from '../files/read.js';
import type { SummaryEntry } from '../summary/page.js';
import { checkInput } from './published.js';
import { tierForOneRun } from '../bundle/tiering.js';

export interface CheckOptions {
  format?: string;
  previous?: string;
  summary?: string;
}

export async function runCheck(inputs: string[], options: CheckOptions): Promise<number> {
  tierForOneRun();
  if (options.format && !['text', 'json'].includes(options.format)) {
    throw new UsageError(
      `--format 只能是 text 或 json，这里是“${options.format}”`,
      '例如 nianbao check report.md --format json',
    );
  }
  const files = await sourcesOrFail(inputs);
  const summaryPage = options.summary ? await import('./summary.js') : undefined;
  if (summaryPage && options.summary) await summaryPage.guardSummary(options.summary, files, options.previous);
  const previous = options.previous ? await readPreviousReport(options.previous) : undefined;
  const all: Diagnostic[] = [];
  const checkedFiles: SummaryEntry[] = [];
  let failed = 0;
  // Read every file at once (I/O overlaps), then check them in order.
  const texts = await Promise.all(files.map(readSource));
  for (const [index, file] of files.entries()) {
    const checked = await checkInput(file, texts[index] as Buffer, previous);
    all.push(...checked.diagnostics);
    checkedFiles.push({ file, report: checked.report, diagnostics: checked.diagnostics });
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
  if (summaryPage && options.summary) {
    await summaryPage.writeSummary(options.summary, checkedFiles);
    if (options.format !== 'json') process.stderr.write(`已写出汇总页 ${options.summary}（${files.length} 份报告）\n`);
  }
  return failed > 0 ? 1 : 0;
}
