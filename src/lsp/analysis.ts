/** One version of a report open in the editor, checked: what every request of the server reads. */
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { type CheckedSource, checkSource } from '../pipeline.js';
import { parseSource } from '../source/parse.js';
import type { Report } from '../model/types.js';
import type { ParsedSource } from '../source/types.js';
import { toLspDiagnostic } from './diagnostics.js';
import type { PreviousReport } from './previous.js';
import { tableSites, type TableSite } from './sites.js';
import { isReportSource } from '../editor/report-source.js';
import { frontMatterLines, type FrontMatterLines, splitLines } from './text.js';

export class Analysis {
  readonly lines: readonly string[];
  readonly frontMatter: FrontMatterLines | undefined;
  readonly isReport: boolean;
  private checkedSource: CheckedSource | undefined;
  private parsedSource: ParsedSource | undefined;
  private sites: TableSite[] | undefined;

  constructor(
    readonly file: string,
    readonly version: number,
    readonly text: string,
    private readonly previous: () => PreviousReport | undefined,
  ) {
    this.lines = splitLines(text);
    this.frontMatter = frontMatterLines(this.lines);
    // The rule the VS Code extension applies before it starts the server: one rule, one module.
    this.isReport = isReportSource(text);
  }

  /** The checker's result, as `nianbao check <file> [--previous sibling]` gives it. */
  /** The file taken as last year's report, and its report, once checked. */
  previousFile: string | undefined;
  previousReport: Report | undefined;

  get checked(): CheckedSource {
    if (!this.checkedSource) {
      const previous = this.previous();
      this.previousFile = previous?.file;
      this.previousReport = previous?.report;
      this.checkedSource = checkSource(this.file, this.text, previous?.report);
    }
    return this.checkedSource;
  }

  get diagnostics(): LspDiagnostic[] {
    return this.checked.diagnostics.filter((d) => d.file === this.file).map((d) => toLspDiagnostic(this.lines, this.frontMatter, d));
  }

  get parsed(): ParsedSource {
    this.parsedSource ??= parseSource(this.file, this.text);
    return this.parsedSource;
  }

  /** Where the tables, rows and cells are written (from what the YAML parser could read). */
  get tables(): TableSite[] {
    const frontMatter = this.parsed.frontMatter;
    this.sites ??= frontMatter ? tableSites(frontMatter) : [];
    return this.sites;
  }
}
