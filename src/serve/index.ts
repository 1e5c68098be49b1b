/**
 * `watch --serve`: the HTML of each watched report on localhost, reloaded in the browser after
 * every rebuild (server-sent events from the same origin; the page makes no other request).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const RELOAD_SCRIPT = `<script>new EventSource('/events').onmessage = () => location.reload();</script>`;

export interface PreviewServer {
  readonly url: string;
  /** Stores a report's page and tells every open browser to reload. */
  update(source: string, html: string): void;
  close(): Promise<void>;
}

/** Open event streams at most: each holds a socket; a page needs one. */
export const MAX_CLIENTS = 16;

/** The page's path: undefined for a URL that does not decode (`/%`, `/%zz`, a cut UTF-8 sequence). */
function pathOf(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
}

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

export async function startPreview(port: number, first: string): Promise<PreviewServer> {
  const pages = new Map<string, string>();
  const clients = new Set<ServerResponse>();
  const name = (source: string) => `${path.basename(source, path.extname(source))}.html`;
  let actual = port;
  // DNS rebinding: a page from elsewhere whose name now points at 127.0.0.1 sends its own Host.
  const allowedHost = (host: string | undefined) =>
    host !== undefined && [`127.0.0.1:${actual}`, `localhost:${actual}`, `[::1]:${actual}`].includes(host.toLowerCase());
  const serve = (request: IncomingMessage, response: ServerResponse) => {
    if (!allowedHost(request.headers.host)) return answer(response, 403, '只接受来自本机地址（127.0.0.1、localhost）的请求');
    const url = pathOf(request.url ?? '/');
    if (url === undefined) return answer(response, 400, '网址的编码不对');
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, '只支持 GET');
    if (url === '/events') {
      if (clients.size >= MAX_CLIENTS) return answer(response, 503, `已有 ${MAX_CLIENTS} 个页面在等待刷新，请关闭一些再试`);
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      response.on('close', () => clients.delete(response));
      return;
    }
    const page = pages.get(url === '/' ? name(first) : url.slice(1));
    if (!page) return answer(response, 404, '还没有生成这份报告的网页（源文件有错误时不会更新）');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page);
  };
  const server = createServer((request, response) => {
    // No request may end the watch: whatever goes wrong answering it stays with that request.
    try {
      serve(request, response);
    } catch {
      if (!response.headersSent) answer(response, 500, '预览服务器内部错误');
      else response.destroy();
    }
  });
  // A client that sends garbage or hangs up mid-request: drop that connection, nothing more.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  ({ port: actual } = server.address() as AddressInfo);
  server.on('error', () => undefined); // after listening, a socket's error is that socket's
  return {
    url: `http://127.0.0.1:${actual}/`,
    update(source, html) {
      pages.set(name(source), html);
      for (const client of clients) if (client.writable) client.write('data: reload\n\n');
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
      }),
  };
}
