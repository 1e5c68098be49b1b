/**
 * `watch --serve` against requests no browser sends: raw HTTP over node:net, since fetch would
 * normalise a malformed path and refuses to set Host.
 */
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit, VALID } from './support/check.js';
import { scratch } from './support/cli.js';
import { Running } from './support/spawn.js';

let watch: Running;
let dir: string;
let port: number;

beforeAll(async () => {
  dir = scratch({ 'r.md': VALID });
  watch = new Running(['watch', 'r.md', '--serve', '0'], dir);
  await watch.until(/正在监视 1 个源文件/);
  port = Number(/网页预览：http:\/\/127\.0\.0\.1:(\d+)\//.exec(watch.stderr)?.[1]);
}, 120_000);
afterAll(async () => {
  expect(await watch.stop()).toBe(0);
});

/** Opens a connection and sends `request` as it is; resolves with the socket once the status line is in. */
function send(request: string): Promise<{ status: number; socket: Socket; received: () => string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      const had = data;
      data += chunk;
      if (!had.includes('\r\n') && data.includes('\r\n')) {
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1]), socket, received: () => data });
      }
    });
    socket.on('end', () => reject(new Error(`closed without a status line: ${JSON.stringify(data)}`)));
    socket.write(request);
  });
}

async function status(target: string, host = `127.0.0.1:${port}`): Promise<number> {
  const { status, socket } = await send(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  socket.destroy();
  return status;
}

/** The preview still serves the report (watch has not ended). */
async function stillServing(): Promise<void> {
  expect(await status('/')).toBe(200);
  expect(watch.child.exitCode).toBe(null);
}

describe('watch --serve', () => {
  it.each(['/%', '/%zz', '/%E0%A4%A', '/r.html%'])('GET %s (a malformed URL) is answered 400 and the watch goes on', async (target) => {
    expect(await status(target)).toBe(400);
    await stillServing();
    expect(watch.stderr).not.toMatch(/URIError|^\s+at /m);
  });

  it.each([
    ['evil.example', 'a foreign name'],
    [`evil.example:PORT`, 'a foreign name with the port (DNS rebinding)'],
    ['127.0.0.1', 'the loopback address without the port'],
    ['127.0.0.1:1', 'another port'],
    ['localhost.evil.example:PORT', 'a name that starts with localhost'],
  ])('Host: %s (%s) is answered 403', async (host) => {
    expect(await status('/', host.replace('PORT', String(port)))).toBe(403);
  });

  it('a request without a Host header is answered 403', async () => {
    const { status, socket } = await send('GET / HTTP/1.0\r\n\r\n');
    socket.destroy();
    expect(status).toBe(403);
  });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT', '[::1]:PORT'])('Host: %s is served', async (host) => {
    expect(await status('/', host.replace('PORT', String(port)))).toBe(200);
    expect(await status('/r.html', host.replace('PORT', String(port)))).toBe(200);
  });

  it('a request line that is not HTTP is answered 400 and the watch goes on', async () => {
    const { status, socket } = await send('\u0000\u0001 garbage\r\n\r\n');
    socket.destroy();
    expect(status).toBe(400);
    await stillServing();
  });

  it('at most 16 pages wait for reloads: the 17th event stream is answered 503, and a closed one frees its place', async () => {
    const open = async () => send(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    const streams = [];
    for (let i = 0; i < 16; i++) streams.push(await open());
    expect(streams.map((s) => s.status)).toEqual(Array(16).fill(200));
    const refused = await open();
    expect(refused.status).toBe(503);
    refused.socket.destroy();
    // A save reaches every open stream.
    const reloads = streams.map(
      (s) => new Promise<void>((resolve) => s.socket.on('data', () => s.received().includes('data: reload') && resolve())),
    );
    await watch.next(/^已生成/, () => writeFileSync(path.join(dir, 'r.md'), edit('公开的及时性还需提高。', '预览刷新。')));
    await Promise.all(reloads);
    // One page closed: its place is free again (the server notices the hang-up).
    const closed = streams.pop();
    closed?.socket.destroy();
    let again = await open();
    for (let i = 0; i < 50 && again.status === 503; i++) {
      again.socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await open();
    }
    expect(again.status).toBe(200);
    for (const s of [...streams, again]) s.socket.destroy();
    await stillServing();
  }, 120_000);
});
