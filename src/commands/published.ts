/**
 * `check` and `build` of a published file (PDF, HTML, DOCX): imported in memory, then checked as
 * the imported source would be; each diagnostic keeps its code and message and says where in the
 * original it is (第3页 表三“本年新收”行“自然人”列). The readers load only when such a file is met.
 */
import { type Diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/types.js';
import { isPublishedFile } from '../import/detect.js';
import type { ImportResult } from '../import/index.js';
import type { Report } from '../model/types.js';
import { type CheckedSource, checkSource } from '../pipeline.js';

export interface ImportedInput {
  /** The source to check or build: the file's own text, or what importing it gave. */
  readonly source: string | Uint8Array;
  /** Import diagnostics (import-uncertain …), before any check. */
  readonly diagnostics: readonly Diagnostic[];
  /** Says a diagnostic on `source` against the original (identity for a source file). */
  readonly locate: (diagnostics: readonly Diagnostic[]) => Diagnostic[];
  /** The file could not be imported: its one error. */
  readonly failed?: Diagnostic;
}

function located(result: ImportResult, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    const origin = result.origin(d.position.line, d.position.column);
    return {
      ...d,
      original: {
        where: origin?.where ?? '',
        ...(origin?.page !== undefined ? { page: origin.page } : {}),
        ...(origin?.line !== undefined ? { line: origin.line } : {}),
      },
    };
  });
}

/** A file as `check` and `build` take it: a source as is, a published report imported. */
export async function inputSource(file: string, bytes: Uint8Array): Promise<ImportedInput> {
  if (!isPublishedFile(file, bytes)) return { source: bytes, diagnostics: [], locate: (d) => [...d] };
  const { ImportError, importFile } = await import('../import/index.js');
  try {
    const result = await importFile(file, bytes);
    return { source: result.source, diagnostics: located(result, result.diagnostics), locate: (d) => located(result, d) };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    const failed: Diagnostic = { file, position: { line: 1, column: 1 }, severity: 'error', code: 'import-failed', message: error.message, hint: error.hint, original: { where: '' } };
    return { source: '', diagnostics: [failed], locate: (d) => [...d], failed };
  }
}

/** `check` of one file, a source or a published report. */
export async function checkInput(file: string, bytes: Uint8Array, previous?: Report): Promise<CheckedSource> {
  const input = await inputSource(file, bytes);
  if (input.failed) return { report: undefined, diagnostics: [input.failed], ok: false };
  const checked = checkSource(file, input.source, previous);
  if (input.source === bytes) return checked;
  const diagnostics = sortDiagnostics([...input.diagnostics, ...input.locate(checked.diagnostics)]);
  return { report: checked.report, diagnostics, ok: checked.report !== undefined && !hasErrors(diagnostics) };
}
