import { type Diagnostic, SEVERITY_LABEL } from './types.js';

/** `file:line:col 错误 CODE 说明`, then the hint indented on the next line. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.position.line}:${d.position.column} ${SEVERITY_LABEL[d.severity]} ${d.code} ${d.message}`;
  return d.hint ? `${head}\n  提示：${d.hint}` : head;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}

export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => ({
      file: d.file,
      line: d.position.line,
      column: d.position.column,
      severity: d.severity,
      code: d.code,
      message: d.message,
      hint: d.hint,
    })),
    null,
    2,
  );
}
