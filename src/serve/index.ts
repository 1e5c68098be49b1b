/**
 * `watch --serve`: the HTML of each watched report on localhost, reloaded in the browser after
 * every rebuild (server-sent events from the same origin; the page makes no other request).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const RELOAD_SCRIPT = `<script>new EventSource('/events').onmessage = () => location.reload();</script>`;

export interface PreviewServer {
  readonly url: string;
  /** Stores a report's page and tells every open browser to reload. */
  update(source: string, html: string): void;
  close(): Promise<void>;
}

export async function startPreview(port: number, first: string): Promise<PreviewServer> {
  const pages = new Map<string, string>();
  const clients = new Set<ServerResponse>();
  const name = (source: string) => `${path.basename(source, path.extname(source))}.html`;
  const server = createServer((request, response) => {
    const url = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    if (url === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    const page = pages.get(url === '/' ? name(first) : url.slice(1));
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('还没有生成这份报告的网页（源文件有错误时不会更新）');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    update(source, html) {
      pages.set(name(source), html);
      for (const client of clients) client.write('data: reload\n\n');
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
      }),
  };
}
