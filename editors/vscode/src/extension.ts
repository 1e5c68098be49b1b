/**
 * The VS Code side of nianbao: starts `nianbao lsp --stdio` when a Markdown report is opened,
 * shows a status-bar item while the server runs, and previews a report with `nianbao watch
 * --serve`. Everything that decides something is in the pure modules beside this one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, State } from 'vscode-languageclient/node';
import { type DocumentInfo, startsServer } from './activation.js';
import { findNianbao, type Invocation, serverCommandLine } from './executable.js';
import { previewCommandLine, previewHtml, previewUrl } from './preview.js';
import { ServerStarter } from './server-start.js';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
const previews = new Map<string, { process: ChildProcess; url?: string; panel?: vscode.WebviewPanel }>();

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};
const readText = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

function locate(document?: vscode.TextDocument): Invocation | undefined {
  const found = findNianbao({
    setting: vscode.workspace.getConfiguration('nianbao').get<string>('path', ''),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    ...(document?.uri.scheme === 'file' ? { document: document.uri.fsPath } : {}),
    env: process.env,
    platform: process.platform,
    home: homedir(),
    isFile,
    readText,
  });
  if ('error' in found) {
    output.appendLine(`${found.error}。${found.hint}`);
    void vscode.window.showErrorMessage(`nianbao：${found.error}。${found.hint}`, '打开设置').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'nianbao.path');
    });
    return undefined;
  }
  output.appendLine(`使用 ${found.file}（${{ setting: '设置 nianbao.path', workspace: '工作区的 node_modules', clone: 'nianbao 的克隆', path: 'PATH' }[found.source]}）`);
  return found;
}

function showStatus(state: 'starting' | 'running' | 'stopped', nianbao?: Invocation): void {
  if (state === 'stopped') {
    status.hide();
    return;
  }
  status.text = state === 'starting' ? '$(sync~spin) 年报' : '$(check) 年报';
  status.tooltip = state === 'starting' ? 'nianbao 语言服务器正在启动' : `nianbao 语言服务器运行中${nianbao ? `：${nianbao.file}` : ''}（点击查看输出）`;
  status.command = 'nianbao.showOutput';
  status.show();
}

const describe = (document: vscode.TextDocument): DocumentInfo => ({ languageId: document.languageId, scheme: document.uri.scheme, text: document.getText() });

/** Starts the server, for the first report opened; later documents go to the same server. */
async function startServer(document: vscode.TextDocument): Promise<boolean> {
  const nianbao = locate(document);
  if (!nianbao) return false;
  const line = serverCommandLine(nianbao);
  const serverOptions: ServerOptions = { command: line.command, args: line.args, options: { shell: line.shell } };
  const clientOptions: LanguageClientOptions = {
    // Every Markdown file on disk: the server itself leaves alone those that are not reports.
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    outputChannel: output,
  };
  const created = new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);
  created.onDidChangeState(({ newState }) => {
    if (client !== created) return; // an old client, stopping after a restart
    showStatus(newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped', nianbao);
    if (newState === State.Stopped) {
      client = undefined;
      starter.stopped();
    }
  });
  client = created;
  showStatus('starting');
  try {
    await created.start();
    return true;
  } catch (error) {
    if (client === created) client = undefined;
    showStatus('stopped');
    void vscode.window.showErrorMessage(`nianbao 语言服务器没有启动：${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

const starter = new ServerStarter(startServer, describe);

async function restartServer(): Promise<void> {
  const running = client;
  client = undefined;
  starter.reset();
  showStatus('stopped');
  await running?.stop();
  for (const document of vscode.workspace.textDocuments) await starter.consider(document);
}

function consider(document: vscode.TextDocument): void {
  if (document === vscode.window.activeTextEditor?.document) void vscode.commands.executeCommand('setContext', 'nianbao.isReport', startsServer(describe(document)));
  void starter.consider(document);
}

function stopPreview(file: string): void {
  const preview = previews.get(file);
  if (!preview) return;
  previews.delete(file);
  preview.process.kill();
  preview.panel?.dispose();
}

function openPreview(file: string, url: string): void {
  const preview = previews.get(file);
  if (!preview) return;
  if (vscode.workspace.getConfiguration('nianbao').get<string>('preview.openIn', 'beside') === 'browser') {
    void vscode.env.openExternal(vscode.Uri.parse(url));
    return;
  }
  if (preview.panel) {
    preview.panel.reveal(vscode.ViewColumn.Beside, true);
    return;
  }
  const title = `预览：${path.basename(file)}`;
  const panel = vscode.window.createWebviewPanel('nianbao.preview', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
    // The served page's own reload script runs in its frame; a sandbox without scripts would stop it.
    enableScripts: true,
    retainContextWhenHidden: true,
  });
  preview.panel = panel;
  panel.onDidDispose(() => {
    if (previews.get(file)?.panel === panel) stopPreview(file);
  });
  // Through VS Code's port forwarding when the workspace is remote; the same address locally.
  void vscode.env.asExternalUri(vscode.Uri.parse(url)).then((external) => {
    panel.webview.html = previewHtml(external.toString(true), title);
  });
}

/** "nianbao: 预览": `nianbao watch <file> --serve 0` for the report in the active editor. */
async function preview(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme !== 'file' || document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage('nianbao：先打开一份报告源文件（.md）再预览');
    return;
  }
  if (document.isDirty) await document.save();
  const file = document.uri.fsPath;
  const running = previews.get(file);
  if (running?.url) return openPreview(file, running.url);
  if (running) return;
  const nianbao = locate(document);
  if (!nianbao) return;
  const line = previewCommandLine(nianbao, file);
  const child = spawn(line.command, line.args, { cwd: path.dirname(file), shell: line.shell, stdio: ['ignore', 'pipe', 'pipe'] });
  previews.set(file, { process: child });
  let printed = '';
  const read = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output.append(text);
    printed += text;
    const url = previewUrl(printed);
    const entry = previews.get(file);
    if (url && entry && !entry.url) {
      entry.url = url;
      openPreview(file, url);
    }
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
  child.on('error', (error) => {
    previews.delete(file);
    void vscode.window.showErrorMessage(`nianbao：无法运行 ${line.command}（${error.message}）`);
  });
  child.on('exit', (code) => {
    if (previews.get(file)?.process !== child) return;
    const entry = previews.get(file);
    previews.delete(file);
    entry?.panel?.dispose();
    // watch ends only on a usage error (exit 2: an output in the way, a bad port) or a crash.
    if (code !== 0 && code !== null) {
      const said = printed.trim().split('\n').slice(-2).join(' ');
      void vscode.window.showErrorMessage(`nianbao 预览停止了（退出码 ${code}）${said ? `：${said}` : ''}`);
    }
  });
}

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel('nianbao');
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'nianbao';
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('nianbao.preview', preview),
    vscode.commands.registerCommand('nianbao.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('nianbao.restartServer', restartServer),
    // Another nianbao chosen: the running server is the old one.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('nianbao.path') && starter.state !== 'stopped') void restartServer();
    }),
    vscode.workspace.onDidOpenTextDocument(consider),
    // A Markdown file that becomes a report as it is typed (front matter written into it).
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (starter.state === 'stopped') consider(event.document);
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) consider(editor.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => stopPreview(document.uri.fsPath)),
    { dispose: () => [...previews.keys()].forEach(stopPreview) },
  );
  for (const document of vscode.workspace.textDocuments) consider(document);
}

export async function deactivate(): Promise<void> {
  for (const file of [...previews.keys()]) stopPreview(file);
  await client?.stop();
  client = undefined;
}
