/**
 * The pure pipeline: source bytes → text → parsed source → checked report model. Callers at the
 * edges (CLI, watcher, workers) read the files and decide what to do with the diagnostics.
 */
import { checkReport } from './check/index.js';
import { checkInvisibleCharacters } from './check/invisible.js';
import { checkPlaceholders } from './check/placeholders.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from './diagnostics/types.js';
import { buildReport } from './model/build.js';
import type { Report } from './model/types.js';
import { decodeSource } from './source/decode.js';
import { parseSource } from './source/parse.js';

export interface CheckedSource {
  readonly report: Report | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly ok: boolean;
}

/**
 * A source as read from disk (bytes, decoded here: UTF-8, or GB 18030 with a warning) or as text
 * already decoded (tests, `nianbao init`).
 */
export type SourceInput = string | Uint8Array;

export function checkSource(file: string, source: SourceInput, previous?: Report): CheckedSource {
  const decoded = typeof source === 'string' ? { text: source, diagnostics: [] } : decodeSource(file, source);
  const text = decoded.text;
  if (text === undefined) return { report: undefined, diagnostics: decoded.diagnostics, ok: false };
  const parsed = parseSource(file, text);
  const built = buildReport(parsed);
  const checks = built.report
    ? [...checkReport(built.report, previous ? { previous } : {}), ...checkPlaceholders(file, text), ...invisible(file, text, built.diagnostics)]
    : [];
  const diagnostics = distinct(sortDiagnostics([...decoded.diagnostics, ...built.diagnostics, ...checks]));
  return {
    report: built.report,
    diagnostics,
    ok: built.report !== undefined && !hasErrors(diagnostics),
  };
}

/**
 * Control characters on lines the model did not already fault: a key or value that holds one is
 * reported there (its message shows the character escaped), so one mistake stays one error.
 */
function invisible(file: string, text: string, shape: readonly Diagnostic[]): Diagnostic[] {
  const faulted = new Set(shape.filter((d) => d.severity === 'error').map((d) => d.position.line));
  return checkInvisibleCharacters(file, text).filter((d) => !faulted.has(d.position.line));
}

/** The same diagnostic twice (a value shared through YAML aliases) is said once. */
function distinct(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.position.line}:${d.position.column} ${d.code} ${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
