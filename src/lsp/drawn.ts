/**
 * The build's checks of what is drawn: the glyph preflight (`missing-glyph`: a character the font
 * of its role does not have), and a template or font that cannot be read (`template`, `font`,
 * `template-table`). They take the template, the fonts and the document tree (`composeSource`,
 * the stages every output shares before layout), some 100–200 ms, so they run after a pause in
 * the typing, only on a source the checker finds no error in, as `nianbao build` does.
 */
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Analysis } from './analysis.js';
import { toLspDiagnostic } from './diagnostics.js';

const key = (d: Diagnostic) => `${d.position.line}:${d.position.column} ${d.code} ${d.message}`;

export class Drawn {
  /** The last findings of each document (in this document only; a template's own problems are said at 模板). */
  private readonly found = new Map<string, readonly Diagnostic[]>();

  /** Runs the checks on this version; whether the findings differ from the last ones. */
  async check(uri: string, analysis: Analysis): Promise<boolean> {
    // Loaded on first use: the build module brings pdfmake, which the first diagnostics need not wait for.
    const { composeSource } = await import('../build/index.js');
    const composed = await composeSource(analysis.file, analysis.text, analysis.previousReport ? { previous: analysis.previousReport } : {});
    const known = new Set(analysis.checked.diagnostics.map(key));
    const extra = composed.diagnostics.filter((d) => !known.has(key(d))).map((d) => (d.file === analysis.file ? d : { ...d, position: { line: 1, column: 1 }, message: `${d.file}：${d.message}` }));
    const before = (this.found.get(uri) ?? []).map(key).join('\n');
    this.found.set(uri, extra);
    return extra.map(key).join('\n') !== before;
  }

  /** The last findings, kept while the source is edited (dropped where their line is gone). */
  last(uri: string, analysis: Analysis): LspDiagnostic[] {
    return (this.found.get(uri) ?? [])
      .filter((d) => d.position.line <= analysis.lines.length)
      .map((d) => toLspDiagnostic(analysis.lines, analysis.frontMatter, d));
  }

  forget(uri: string): void {
    this.found.delete(uri);
  }
}
