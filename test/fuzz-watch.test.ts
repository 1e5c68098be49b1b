/**
 * Fuzzing `nianbao watch --serve` (issue 11, item 9): one watch process takes a series of
 * structure-aware bad saves (each awaited as the one line watch prints for it) while the preview
 * server is sent malformed, hostile and excessive requests; afterwards a good save must still
 * rebuild and the page must still be served. Never a stack trace, never the end of watch.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { edit, VALID } from './support/check.js';
import { scratch } from './support/cli.js';
import { CONTROL, MUTATIONS, mulberry32, mutate, pick, type Random } from './support/mutations.js';
import { readPdf } from './support/pdf.js';
import { Running } from './support/spawn.js';

const BUILT = /^(已生成|未更新|未找到|无法|文件操作失败|内部错误)/;
const SAVES = 30;
const REQUESTS_PER_SAVE = 6;

let watch: Running | undefined;
afterAll(async () => {
  await watch?.stop();
});

/** Sends raw bytes and resolves with the status (0 when the server closed without one). */
function raw(port: number, request: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const done = () => {
      socket.destroy();
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0));
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
      if (data.includes('\r\n')) done();
    });
    socket.on('error', done);
    socket.on('end', done);
    socket.setTimeout(10_000, done);
    socket.write(request);
  });
}

function hostileRequest(random: Random, port: number): string {
  const target = pick(
    ['/', '/r.html', '/%', '/%zz', '/%E0%A4%A', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/events', `/${'a'.repeat(9000)}`,
      '/r.html?x=%ff', '//127.0.0.1/', '/\u0000', '/%00', '*', 'http://evil.example/'],
    random,
  );
  const host = pick([`127.0.0.1:${port}`, `localhost:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, '', `[::1]:${port}`, 'localhost'], random);
  const method = pick(['GET', 'HEAD', 'POST', 'DELETE', 'BREW', 'GET'], random);
  const shape = random();
  if (shape < 0.1) return 'this is not HTTP\r\n\r\n';
  if (shape < 0.15) return `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\n`; // never finished
  return `${method} ${target} HTTP/1.1\r\n${host ? `Host: ${host}\r\n` : ''}Connection: close\r\n\r\n`;
}

describe('structure-aware fuzz of watch --serve', () => {
  it(`${SAVES} mutated saves and ${SAVES * REQUESTS_PER_SAVE} hostile requests: watch and the server go on, a good save still rebuilds`, async () => {
    const dir = scratch({ 'r.md': VALID });
    const source = path.join(dir, 'r.md');
    watch = new Running(['watch', 'r.md', '--serve', '0'], dir);
    await watch.until(/正在监视 1 个源文件/);
    const port = Number(/网页预览：http:\/\/127\.0\.0\.1:(\d+)\//.exec(watch.stderr)?.[1]);
    expect(port).toBeGreaterThan(0);

    const random = mulberry32(20261203);
    const names = Object.keys(MUTATIONS);
    const statuses = new Map<number, number>();
    for (let n = 0; n < SAVES; n++) {
      const { text } = mutate(random, names);
      const requests = Array.from({ length: REQUESTS_PER_SAVE }, () => raw(port, hostileRequest(random, port)));
      // Event streams left open, beyond the cap.
      if (n % 10 === 0) for (let k = 0; k < 20; k++) requests.push(raw(port, `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
      const line = await watch.next(BUILT, () => writeFileSync(source, text));
      expect(line).not.toMatch(/^内部错误/);
      for (const status of await Promise.all(requests)) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect(watch.child.exitCode).toBe(null);
    }
    // A good save after all that still rebuilds, and the page is still served.
    const marker = '经过一连串错误的保存之后，这一句仍然进入文件。';
    const good = edit('公开的及时性还需提高。', `公开的及时性还需提高。${marker}`);
    expect(await watch.next(/^已生成/, () => writeFileSync(source, good))).toMatch(/^已生成 r\.pdf/);
    const pdf = await readPdf(readFileSync(path.join(dir, 'r.pdf')));
    expect(pdf.pages.map((p) => p.text).join('').replace(/\s/g, '')).toContain(marker);
    expect(await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe(200);

    const output = `${watch.stdout}\n${watch.stderr}`;
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(CONTROL.test(output.replace(/[\n\r]/g, ''))).toBe(false);
    // The server answered with refusals, not only successes (the hostile requests reached it).
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(readFileSync(source, 'utf8')).toBe(good);
  }, 600_000);
});
