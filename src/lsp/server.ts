/**
 * `nianbao lsp`: the language server for report sources, over stdio. Diagnostics come from the
 * same pipeline as `nianbao check`; completion, hover, inlay hints, code actions and the outline
 * read the table definitions and the checked model. Documents that are not reports get nothing.
 */
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hasErrors } from '../diagnostics/types.js';
import { Analysis } from './analysis.js';
import { Drawn } from './drawn.js';
import { codeActions } from './actions.js';
import { completions } from './completion.js';
import { hover } from './hover.js';
import { inlayHints } from './inlay-hints.js';
import { PreviousReports } from './previous.js';
import { documentSymbols } from './symbols.js';

/**
 * At most one check per document every 150 ms: an edit after a quiet spell is checked at once
 * (a single edit's diagnostics come as soon as the check is done), the edits of a burst of
 * typing are gathered into one check 150 ms after the last one ran, on the newest text.
 */
export const CHECK_INTERVAL_MS = 150;

/**
 * What only the build finds (a character no font has, a template or font that cannot be read)
 * takes the template, the fonts and the document tree: checked once the source has no errors and
 * the typing has paused this long, and shown with the checker's diagnostics from then on.
 */
export const DRAWN_QUIET_MS = 500;

function fileOf(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

export function startServer(input: Readable, output: Writable): Promise<void> {
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(input), new StreamMessageWriter(output));
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, Analysis>();
  const lastRun = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();
  const drawnTimers = new Map<string, NodeJS.Timeout>();
  const drawn = new Drawn();
  /** Documents whose diagnostics are on the screen, to clear them when they stop being reports. */
  const published = new Set<string>();
  const byFile = new Map<string, string>();
  const previous = new PreviousReports((file) => {
    const uri = byFile.get(file);
    const document = uri ? documents.get(uri) : undefined;
    return document ? { text: document.getText(), version: document.version } : undefined;
  });

  /** The analysis of a document's current text (made now if the scheduled one has not run yet). */
  const analysisOf = (uri: string): Analysis | undefined => {
    const document = documents.get(uri);
    if (!document) return undefined;
    const cached = analyses.get(uri);
    if (cached?.version === document.version) return cached;
    const file = fileOf(uri);
    const text = document.getText();
    const analysis = new Analysis(file, document.version, text, () => previous.find(file, text));
    analyses.set(uri, analysis);
    return analysis;
  };
  const report = (uri: string): Analysis | undefined => {
    const analysis = analysisOf(uri);
    return analysis?.isReport ? analysis : undefined;
  };

  const publish = (uri: string) => {
    timers.delete(uri);
    lastRun.set(uri, Date.now());
    const analysis = analysisOf(uri);
    if (!analysis) return;
    if (!analysis.isReport) {
      if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    let diagnostics;
    try {
      diagnostics = analysis.diagnostics;
    } catch (error) {
      // A fault of nianbao's own: say so in the editor's log, keep serving.
      connection.console.error(`nianbao 内部错误（${analysis.file}）：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    published.add(uri);
    const clean = !hasErrors(analysis.checked.diagnostics);
    void connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: [...diagnostics, ...(clean ? drawn.last(uri, analysis) : [])] });
    clearTimeout(drawnTimers.get(uri));
    drawnTimers.delete(uri);
    if (clean && path.isAbsolute(analysis.file)) drawnTimers.set(uri, setTimeout(() => void checkDrawn(uri, analysis), DRAWN_QUIET_MS));
  };
  /** The build's own checks on a version whose check is clean; republished when they find something or stop finding it. */
  const checkDrawn = async (uri: string, analysis: Analysis) => {
    drawnTimers.delete(uri);
    let changed: boolean;
    try {
      changed = await drawn.check(uri, analysis);
    } catch (error) {
      connection.console.error(`nianbao 内部错误（${analysis.file}）：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    if (!changed || analyses.get(uri) !== analysis || !documents.get(uri)) return;
    void connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: [...analysis.diagnostics, ...drawn.last(uri, analysis)] });
  };
  const schedule = (uri: string) => {
    if (timers.has(uri)) return;
    const since = Date.now() - (lastRun.get(uri) ?? Number.NEGATIVE_INFINITY);
    timers.set(uri, setTimeout(() => publish(uri), Math.max(0, CHECK_INTERVAL_MS - since)));
  };
  /** A change to last year's report changes this year's carry-over checks. */
  const scheduleDependents = (uri: string) => {
    const file = fileOf(uri);
    for (const [other, analysis] of analyses) {
      if (other === uri || analysis.previousFile !== file) continue;
      analyses.delete(other);
      schedule(other);
    }
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' ', '{', '[', ',', ':'] },
      hoverProvider: true,
      inlayHintProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      documentSymbolProvider: true,
    },
    serverInfo: { name: 'nianbao' },
  }));
  documents.onDidOpen(({ document }) => {
    byFile.set(fileOf(document.uri), document.uri);
    schedule(document.uri);
  });
  documents.onDidChangeContent(({ document }) => {
    schedule(document.uri);
    scheduleDependents(document.uri);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    clearTimeout(drawnTimers.get(document.uri));
    drawnTimers.delete(document.uri);
    drawn.forget(document.uri);
    analyses.delete(document.uri);
    byFile.delete(fileOf(document.uri));
    if (published.delete(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCompletion((params) => {
    const analysis = report(params.textDocument.uri);
    return analysis ? completions(analysis, params.position) : null;
  });
  connection.onHover((params) => {
    const analysis = report(params.textDocument.uri);
    return analysis ? hover(analysis, params.position) : null;
  });
  connection.languages.inlayHint.on((params) => {
    const analysis = report(params.textDocument.uri);
    return analysis ? inlayHints(analysis, params.range) : null;
  });
  connection.onCodeAction((params) => {
    const analysis = report(params.textDocument.uri);
    return analysis ? codeActions(analysis, params.textDocument.uri, params.range, params.context.diagnostics) : null;
  });
  connection.onDocumentSymbol((params) => {
    const analysis = report(params.textDocument.uri);
    return analysis ? documentSymbols(analysis) : null;
  });

  documents.listen(connection);
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    connection.onShutdown(() => {
      for (const timer of [...timers.values(), ...drawnTimers.values()]) clearTimeout(timer);
      timers.clear();
      drawnTimers.clear();
    });
    input.on('close', () => resolve());
    connection.listen();
  });
}
