/** Which documents start the language server: pure, tested without VS Code (test/vscode-extension.test.ts). */
import { isReportSource } from '../../../src/editor/report-source.js';

/** What the extension sees of a document (a vscode.TextDocument has these). */
export interface DocumentInfo {
  readonly languageId: string;
  /** The URI's scheme: `file` for a file on disk, `untitled`, `git`, `vscode-notebook-cell` … */
  readonly scheme: string;
  readonly text: string;
}

/**
 * A Markdown file on disk whose front matter is a nianbao report's. Only `file`: the server
 * reads the report's folder (the sibling last-year report, templates, fonts), which a diff view
 * (`git:`) or an unsaved buffer does not have.
 */
export function startsServer(document: DocumentInfo): boolean {
  return document.languageId === 'markdown' && document.scheme === 'file' && isReportSource(document.text);
}
