/**
 * `check --summary summary.html`: the summary page written atomically, after the same guard as
 * every output (never over an input: a source, last year's report; only a regular file).
 */
import { UsageError } from '../diagnostics/usage-error.js';
import { type RunInput, guardOutputs } from '../files/outputs.js';
import { writeAtomic, writeFailure } from '../files/write.js';
import { type SummaryEntry, summaryPage } from '../summary/page.js';

const HINT = '用 --summary 指定另一个文件名，例如 --summary 汇总.html';

/** Refuses, before anything is checked, a summary path that is not `.html` or would replace an input. */
export async function guardSummary(file: string, sources: readonly string[], previous?: string): Promise<void> {
  if (!/\.html?$/iu.test(file)) throw new UsageError(`--summary 的文件名应以 .html 结尾，这里是“${file}”`, HINT);
  const inputs: RunInput[] = [
    ...sources.map((source) => ({ file: source, role: '源文件' as const })),
    ...(previous ? [{ file: previous, role: '上一年的报告' as const }] : []),
  ];
  try {
    await guardOutputs([{ source: sources[0] ?? file, pdf: file }], inputs, async () => [], { out: file });
  } catch (error) {
    // The guard's hints speak of -o; the summary is placed with --summary.
    if (error instanceof UsageError) throw new UsageError(error.message, error.message.includes('不存在') ? '先建好这个目录，或把汇总页写到已有的目录里' : HINT);
    throw error;
  }
}

export async function writeSummary(file: string, entries: readonly SummaryEntry[]): Promise<void> {
  try {
    await writeAtomic(file, summaryPage(entries));
  } catch (error) {
    throw new UsageError(writeFailure(error), HINT);
  }
}
