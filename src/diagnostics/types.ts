/** A place in a source file: 1-based line and column (UTF-16 units, as editors count). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly file: string;
  readonly position: Position;
  readonly severity: Severity;
  /** Stable English code, e.g. `balance`, `unknown-key`. */
  readonly code: string;
  /** What is wrong, in Chinese, naming the numbers involved. */
  readonly message: string;
  /** What to do about it, in Chinese. */
  readonly hint: string;
  /**
   * For a published file checked directly (PDF, HTML, DOCX): where in the original the place is
   * (第3页 表三“本年新收”行“自然人”列); `position` is then in the source `nianbao import` writes.
   */
  readonly original?: { readonly where: string; readonly page?: number; readonly line?: number };
}

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  error: '错误',
  warning: '警告',
};

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Source order: by line, then column, errors before warnings at the same place. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.position.line - b.position.line ||
      a.position.column - b.position.column ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}
