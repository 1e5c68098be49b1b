/** One build job: read a source, build it, write the PDF atomically. Runs in a worker or in-process. */
import { buildSource } from '../build/index.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { hasErrors } from '../diagnostics/types.js';
import { readFailure, readSourceBytes } from '../files/read.js';
import { docxPath, htmlPath } from '../files/outputs.js';
import { writeAtomic, writeFailure } from '../files/write.js';
import { reportHtml } from '../html/render.js';
import type { Report } from '../model/types.js';
import { inputSource } from '../commands/published.js';

export interface BuildJob {
  readonly file: string;
  readonly output: string;
  readonly force: boolean;
  /** Also write the web-publication HTML beside the PDF. */
  readonly html?: boolean;
  /** Also write the Word file beside the PDF, with the PDF's fonts embedded when `embedFonts`. */
  readonly docx?: boolean;
  readonly embedFonts?: boolean;
  readonly sourceDateEpoch?: string;
}

export interface BuildOutcome {
  readonly file: string;
  /** The PDF written, if any. */
  readonly written?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly failed: boolean;
  readonly ms: number;
  /** An I/O problem (unreadable source, unwritable output), in Chinese. */
  readonly problem?: string;
}

export async function runJob(job: BuildJob, previous?: Report): Promise<BuildOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let text: Buffer;
  try {
    text = readSourceBytes(job.file);
  } catch (error) {
    return { file: job.file, diagnostics: [], failed: true, ms: elapsed(), problem: readFailure(job.file, error) };
  }
  // A published report (PDF, HTML, DOCX) builds from its import, its diagnostics said against it.
  const input = await inputSource(job.file, text);
  if (input.failed) return { file: job.file, diagnostics: [input.failed], failed: true, ms: elapsed() };
  const built = await buildSource(job.file, input.source, {
    force: job.force,
    ...(previous ? { previous } : {}),
    ...(job.sourceDateEpoch ? { sourceDateEpoch: job.sourceDateEpoch } : {}),
  });
  const result = input.source === text ? built : { ...built, diagnostics: [...input.diagnostics, ...input.locate(built.diagnostics)] };
  const failed = hasErrors(result.diagnostics);
  if (!result.pdf) return { file: job.file, diagnostics: result.diagnostics, failed: true, ms: elapsed() };
  try {
    await writeAtomic(job.output, result.pdf);
    if (job.html && result.tree) {
      await writeAtomic(htmlPath(job.output), reportHtml(result.tree));
    }
    if (job.docx) {
      // Loaded only when asked for: the docx package is large, and most builds make no Word file.
      const { docxOfBuild } = await import('../docx/build.js');
      const docx = await docxOfBuild(result, { embedFonts: job.embedFonts === true, ...(job.sourceDateEpoch ? { sourceDateEpoch: job.sourceDateEpoch } : {}) });
      if (docx) await writeAtomic(docxPath(job.output), docx);
    }
  } catch (error) {
    return { file: job.file, diagnostics: result.diagnostics, failed: true, ms: elapsed(), problem: writeFailure(error) };
  }
  return { file: job.file, written: job.output, diagnostics: result.diagnostics, failed, ms: elapsed() };
}
