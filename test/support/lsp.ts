/**
 * A language client for the tests: spawns the built `nianbao lsp --stdio` and talks JSON-RPC to
 * it with vscode-jsonrpc, as an editor does (initialize, didOpen, didChange, requests).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InlayHint,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const BIN = fileURLToPath(new URL('../../bin/nianbao.js', import.meta.url));

export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  /** Every publishDiagnostics, in the order they came. */
  readonly published: PublishDiagnosticsParams[] = [];
  stderr = '';
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private waiters: (() => void)[] = [];

  private constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, [BIN, 'lsp', ...args], { env: { ...process.env, NIANBAO_DEBUG: '' } });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    this.connection.listen();
  }

  static async start(args: readonly string[] = ['--stdio']): Promise<LspClient> {
    const client = new LspClient(args);
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Opens a file as the editor would (its text from disk unless given); returns its URI. */
  async open(file: string, text = readFileSync(file, 'utf8')): Promise<string> {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  /** Replaces the whole text (a full-content change, which every server must take). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Applies text edits to the open document, as an editor applies a code action. */
  async applyEdits(uri: string, edits: readonly TextEdit[]): Promise<number> {
    return this.change(uri, applyEdits(this.text(uri), edits));
  }

  /** The diagnostics published for `uri` (of `version`, if given), waiting for them. */
  async diagnostics(uri: string, version?: number, timeout = 20_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.published.filter((p) => p.uri === uri && (version === undefined || p.version === version)).at(-1);
      if (found) return found.diagnostics;
      if (this.child.exitCode !== null) throw new Error(`server exited (${this.child.exitCode}):\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} (version ${version}) in ${timeout} ms\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  completion(uri: string, position: Position): Promise<CompletionList | null> {
    return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  inlayHints(uri: string, range: Range): Promise<InlayHint[] | null> {
    return this.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range });
  }

  codeActions(uri: string, range: Range, diagnostics: readonly Diagnostic[]): Promise<CodeAction[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  symbols(uri: string): Promise<DocumentSymbol[] | null> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  /** shutdown, exit, and the process's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/** The offset of an LSP position (UTF-16 units, lines split on \n). */
function offsetOf(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + p.character;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, offsetOf(out, edit.range.start)) + edit.newText + out.slice(offsetOf(out, edit.range.end));
  return out;
}

/** The 0-based position of the first `needle` in `text` (plus `shift` characters). */
export function positionOf(text: string, needle: string, shift = 0): Position {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`“${needle}” not in the text`);
  const before = text.slice(0, index + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
