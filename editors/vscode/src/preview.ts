/** The "nianbao: 预览" command's pure parts: the watch command line, its URL, the page around it. */
import { commandLine, type Invocation } from './executable.js';

/**
 * `nianbao watch <file> --serve 0`: a free port (two reports previewed at once must not clash);
 * the URL is read from what watch prints. Watch also keeps the PDF beside the report up to date.
 */
export function previewCommandLine(nianbao: Invocation, file: string): { command: string; args: string[]; shell: boolean } {
  return commandLine(nianbao, ['watch', file, '--serve', '0']);
}

/** The page's address in watch's output: `网页预览：http://127.0.0.1:8360/（保存后自动刷新）`. */
export function previewUrl(output: string): string | undefined {
  return /网页预览：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The webview beside the editor: nothing but a frame of the served page, which reloads itself
 * after each rebuild. The webview's own policy allows that one origin as a frame and nothing else
 * (no script of ours runs).
 */
export function previewHtml(url: string, title: string): string {
  const origin = new URL(url).origin;
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; frame-src ${escape(origin)}; style-src 'unsafe-inline'">`,
    `<title>${escape(title)}</title>`,
    '<style>html, body, iframe { margin: 0; padding: 0; border: 0; width: 100%; height: 100%; overflow: hidden; background: #fff; }</style>',
    '</head>',
    `<body><iframe src="${escape(url)}" title="${escape(title)}"></iframe></body>`,
    '</html>',
  ].join('\n');
}
