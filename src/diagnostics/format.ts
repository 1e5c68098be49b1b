import { type Diagnostic, SEVERITY_LABEL } from './types.js';

/**
 * Characters a terminal would act on rather than show: C0 controls but tab and newline (ESC could
 * clear the screen, BEL rings), DEL, C1, the bidi embeddings, overrides and isolates (which
 * reorder what follows them), and lone surrogates (which no terminal can show).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Source text quoted in a message, made safe to print: ESC becomes the six characters `\u001b`. */
export function visible(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${(ch.charCodeAt(0)).toString(16).padStart(4, '0')}`);
}

/** `file:line:col 错误 CODE 说明`, then the hint indented on the next line. */
export function formatDiagnostic(d: Diagnostic): string {
  const at = d.original ? `${d.file} ${d.original.where || `导入后第${d.position.line}行`}` : `${d.file}:${d.position.line}:${d.position.column}`;
  const head = `${at} ${SEVERITY_LABEL[d.severity]} ${d.code} ${d.message}`;
  return visible(d.hint ? `${head}\n  提示：${d.hint}` : head);
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}

/** The same, as JSON (JSON.stringify escapes C0 itself, but not DEL, C1 or the bidi controls). */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => ({
      file: visible(d.file),
      line: d.position.line,
      column: d.position.column,
      severity: d.severity,
      code: d.code,
      message: visible(d.message),
      hint: visible(d.hint),
      ...(d.original ? { original: { ...d.original, where: visible(d.original.where) } } : {}),
    })),
    null,
    2,
  );
}
