/**
 * The pure pipeline: source text → parsed source → checked report model. Callers at the edges
 * (CLI, watcher, workers) read the files and decide what to do with the diagnostics.
 */
import { checkReport } from './check/index.js';
import { checkPlaceholders } from './check/placeholders.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from './diagnostics/types.js';
import { buildReport } from './model/build.js';
import type { Report } from './model/types.js';
import { parseSource } from './source/parse.js';

export interface CheckedSource {
  readonly report: Report | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly ok: boolean;
}

export function checkSource(file: string, text: string, previous?: Report): CheckedSource {
  const parsed = parseSource(file, text);
  const built = buildReport(parsed);
  const checks = built.report ? [...checkReport(built.report, previous ? { previous } : {}), ...checkPlaceholders(file, text)] : [];
  const diagnostics = sortDiagnostics([...built.diagnostics, ...checks]);
  return {
    report: built.report,
    diagnostics,
    ok: built.report !== undefined && !hasErrors(diagnostics),
  };
}
