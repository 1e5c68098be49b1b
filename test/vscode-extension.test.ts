/**
 * The VS Code extension's activation logic (editors/vscode/src), as plain unit tests: which
 * documents start `nianbao lsp`, how `nianbao` is found, the command lines it runs, the preview
 * page. VS Code's own harness (@vscode/test-electron) downloads and runs a VS Code build, which
 * cannot run here; these modules import nothing from `vscode`, and .ci/run checks the packaged
 * .vsix (editors/vscode/scripts/verify-vsix.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startsServer } from '../editors/vscode/src/activation.js';
import { commandLine, findNianbao, type Lookup, serverCommandLine } from '../editors/vscode/src/executable.js';
import { previewCommandLine, previewHtml, previewUrl } from '../editors/vscode/src/preview.js';
import { ServerStarter } from '../editors/vscode/src/server-start.js';
import { isReportSource, REPORT_KEYS } from '../src/editor/report-source.js';
import { initialSource } from '../src/init/source.js';
import { checkSource } from '../src/pipeline.js';
import { VALID } from './support/check.js';

const markdown = (text: string, scheme = 'file') => ({ languageId: 'markdown', scheme, text });
const sources = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => path.join(dir, f));

describe('which documents start the language server', () => {
  it('names the keys from the field definitions: 年度, 机关 and the three tables', () => {
    expect(REPORT_KEYS).toEqual(['年度', '机关', '主动公开', '依申请公开', '复议诉讼']);
  });

  it('every real report: the examples, the published corpus, the row-form fixtures, what init writes', () => {
    const files = [...sources('examples'), ...sources('test/fixtures/published'), ...sources('test/fixtures/row-form'), 'test/fixtures/valid.md'];
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) expect(startsServer(markdown(readFileSync(file, 'utf8'))), file).toBe(true);
    expect(startsServer(markdown(initialSource({ year: 2024 })))).toBe(true);
  });

  it('a report being written: no closing --- yet, one key typed, a YAML error, CRLF and a BOM, a full-width colon', () => {
    for (const text of ['---\n年度: 2024\n', '---\n机关：某镇人民政府\n', '---\n年度: 2024\n机关: [unclosed\n---\n', '\uFEFF---\r\n机关: 某镇\r\n---\r\n', '---  \n# 注释\n\n依申请公开:\n', '---\r年度: 2024\r---\r', '---\n"机关": 某镇\n']) {
      expect(startsServer(markdown(text)), JSON.stringify(text)).toBe(true);
    }
  });

  it('not other Markdown: no front matter, a blog post’s, a 年度 nested or below the front matter, a key that only starts alike', () => {
    const others = [
      readFileSync('README.md', 'utf8'),
      readFileSync('test/fixtures/published/README.md', 'utf8'),
      readFileSync('editors/vscode/README.md', 'utf8'),
      '---\ntitle: 年度总结\ndate: 2024-01-01\n---\n\n年度: 2024\n',
      '---\n标题: 某镇2024年工作总结\n格式: 2021\n---\n',
      '---\nmeta:\n  年度: 2024\n  机关: 某镇\n---\n',
      '---\n年度计划: 三项\n机关单位: 某\n---\n',
      '---\n年度:2024\n---\n',
      '年度: 2024\n机关: 某镇\n',
      '\n---\n年度: 2024\n---\n',
      '',
    ];
    for (const text of others) expect(startsServer(markdown(text)), text.slice(0, 40)).toBe(false);
  });

  it('only Markdown files on disk: not a diff view, an untitled buffer, or the same text as plain text', () => {
    expect(startsServer(markdown(VALID))).toBe(true);
    expect(startsServer(markdown(VALID, 'git'))).toBe(false);
    expect(startsServer(markdown(VALID, 'untitled'))).toBe(false);
    expect(startsServer({ languageId: 'plaintext', scheme: 'file', text: VALID })).toBe(false);
  });

  it('agrees with the checker: what it starts the server for is read as a report; a blog post it skips would be all errors', () => {
    for (const text of ['---\n年度: 2024\n机关: 某镇人民政府\n---\n', '---\n年度: 2024\n']) {
      const codes = checkSource('r.md', text).diagnostics.map((d) => d.code);
      expect(isReportSource(text)).toBe(true);
      expect(codes, text).not.toContain('front-matter-missing');
      expect(codes.length, text).toBeGreaterThan(0);
    }
    const post = '---\ntitle: 年度总结\ndate: 2024-01-01\n---\n\n正文\n';
    expect(isReportSource(post)).toBe(false);
    expect(checkSource('post.md', post).diagnostics.filter((d) => d.code === 'unknown-key').map((d) => d.position.line)).toEqual([2, 3]);
  });
});

describe('starting the server once', () => {
  const report = markdown(VALID);
  const readme = markdown(readFileSync('README.md', 'utf8'));
  const starter = (results: boolean[]) => {
    const started: string[] = [];
    const control = new ServerStarter<ReturnType<typeof markdown>>(async (document) => {
      started.push(document.text.slice(0, 12));
      return results.shift() ?? true;
    }, (document) => document);
    return { control, started };
  };

  it('not for other Markdown; for the first report; not again for the next one or while it starts', async () => {
    const { control, started } = starter([true]);
    await control.consider(readme);
    expect(control.state).toBe('stopped');
    const first = control.consider(report);
    expect(control.state).toBe('starting');
    await control.consider(markdown(VALID.replace('年度: 2021', '年度: 2022')));
    await first;
    await control.consider(report);
    expect(control.state).toBe('running');
    expect(started).toHaveLength(1);
  });

  it('again after the server stopped by itself; a failed start waits for a restart (no error box on every keystroke)', async () => {
    const { control, started } = starter([true, false, true]);
    await control.consider(report);
    control.stopped();
    expect(control.state).toBe('stopped');
    await control.consider(report);
    expect(control.state).toBe('failed');
    await control.consider(report);
    control.stopped();
    await control.consider(report);
    expect(started).toHaveLength(2);
    control.reset();
    await control.consider(report);
    expect(control.state).toBe('running');
    expect(started).toHaveLength(3);
  });

  it('a start that throws counts as failed; a reset while starting wins over its result', async () => {
    const thrown = new ServerStarter<ReturnType<typeof markdown>>(() => Promise.reject(new Error('spawn ENOENT')), (d) => d);
    await thrown.consider(report);
    expect(thrown.state).toBe('failed');
    let finish: (ok: boolean) => void = () => undefined;
    const slow = new ServerStarter<ReturnType<typeof markdown>>(() => new Promise((resolve) => (finish = resolve)), (d) => d);
    const pending = slow.consider(report);
    slow.reset();
    finish(false);
    await pending;
    expect(slow.state).toBe('stopped');
  });
});

/** A file system of the given files (and their package.json texts), on the given platform. */
function lookup(files: Record<string, string>, options: Partial<Lookup> = {}): Lookup {
  return {
    setting: '',
    workspaceFolders: [],
    env: {},
    platform: 'linux',
    home: '/home/clerk',
    isFile: (file) => file in files,
    readText: (file) => files[file],
    ...options,
  };
}

describe('finding nianbao', () => {
  const report = '/home/clerk/年报 2024/城关镇/2024.md';

  it('the setting first, relative to the first workspace folder, ~ for home; a script runs through node', () => {
    const files = { '/opt/nianbao/bin/nianbao.js': '', '/home/clerk/ws/tools/nianbao': '', '/home/clerk/nianbao/bin/nianbao.js': '', '/home/clerk/ws/node_modules/.bin/nianbao': '' };
    expect(findNianbao(lookup(files, { setting: '/opt/nianbao/bin/nianbao.js', workspaceFolders: ['/home/clerk/ws'] }))).toEqual({
      command: 'node', args: ['/opt/nianbao/bin/nianbao.js'], shell: false, source: 'setting', file: '/opt/nianbao/bin/nianbao.js',
    });
    expect(findNianbao(lookup(files, { setting: 'tools/nianbao', workspaceFolders: ['/home/clerk/ws'] }))).toMatchObject({ command: '/home/clerk/ws/tools/nianbao', args: [], source: 'setting' });
    expect(findNianbao(lookup(files, { setting: '~/nianbao/bin/nianbao.js', workspaceFolders: ['/home/clerk/ws'] }))).toMatchObject({ command: 'node', args: ['/home/clerk/nianbao/bin/nianbao.js'] });
  });

  it('a setting that points nowhere is an error naming the file, not a silent fall-back', () => {
    const found = findNianbao(lookup({ '/home/clerk/ws/node_modules/.bin/nianbao': '' }, { setting: '/opt/nianbao', workspaceFolders: ['/home/clerk/ws'] }));
    expect(found).toEqual({
      error: '设置 nianbao.path 指向的“/opt/nianbao”不存在或不是文件',
      hint: '改正设置，或清空它，让扩展在工作区的 node_modules 和 PATH 里找 nianbao',
    });
  });

  it('then node_modules/.bin/nianbao in the report’s folder or above it (as npx finds it), then in the workspace folders', () => {
    const files = { '/home/clerk/年报 2024/node_modules/.bin/nianbao': '', '/home/clerk/ws/node_modules/.bin/nianbao': '', '/usr/local/bin/nianbao': '' };
    const env = { PATH: '/usr/bin:/usr/local/bin' };
    expect(findNianbao(lookup(files, { document: report, workspaceFolders: ['/home/clerk/ws'], env }))).toMatchObject({ command: '/home/clerk/年报 2024/node_modules/.bin/nianbao', source: 'workspace' });
    const { '/home/clerk/年报 2024/node_modules/.bin/nianbao': _, ...rest } = files;
    expect(findNianbao(lookup(rest, { document: report, workspaceFolders: ['/home/clerk/ws'], env }))).toMatchObject({ command: '/home/clerk/ws/node_modules/.bin/nianbao', source: 'workspace' });
  });

  it('a clone of nianbao (the README’s npx nianbao from the clone) runs its own bin/nianbao.js; another package’s bin does not count', () => {
    const clone = { '/home/clerk/nianbao/bin/nianbao.js': '', '/home/clerk/nianbao/package.json': readFileSync('package.json', 'utf8') };
    expect(findNianbao(lookup(clone, { document: '/home/clerk/nianbao/examples/nanlong-2021.md' }))).toEqual({
      command: 'node', args: ['/home/clerk/nianbao/bin/nianbao.js'], shell: false, source: 'clone', file: '/home/clerk/nianbao/bin/nianbao.js',
    });
    const other = { '/home/clerk/x/bin/nianbao.js': '', '/home/clerk/x/package.json': '{"name":"x"}', '/home/clerk/y/bin/nianbao.js': '', '/home/clerk/y/package.json': '{ broken' };
    expect(findNianbao(lookup(other, { workspaceFolders: ['/home/clerk/x', '/home/clerk/y'] }))).toHaveProperty('error', '找不到 nianbao');
  });

  it('on this machine: an example in this checkout finds the checkout’s own bin, and that command runs', () => {
    const isFile = (file: string) => existsSync(file) && statSync(file).isFile();
    const found = findNianbao({
      setting: '', workspaceFolders: [], document: path.resolve('examples/nanlong-2021.md'), env: { PATH: '' }, platform: process.platform, home: '/nonexistent', isFile,
      readText: (file) => (isFile(file) ? readFileSync(file, 'utf8') : undefined),
    });
    expect(found).toEqual({ command: 'node', args: [path.resolve('bin/nianbao.js')], shell: false, source: 'clone', file: path.resolve('bin/nianbao.js') });
    if ('error' in found) return;
    const line = commandLine(found, ['--version']);
    const run = spawnSync(line.command, line.args, { encoding: 'utf8', shell: line.shell });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^nianbao/${JSON.parse(readFileSync('package.json', 'utf8')).version} `));
  });

  it('then PATH, in its order; nothing anywhere is an error with what to do', () => {
    const files = { '/usr/local/bin/nianbao': '', '/opt/bin/nianbao': '' };
    expect(findNianbao(lookup(files, { document: report, env: { PATH: '/usr/bin::/opt/bin:/usr/local/bin' } }))).toMatchObject({ command: '/opt/bin/nianbao', source: 'path', shell: false });
    expect(findNianbao(lookup({}, { document: report, env: { PATH: '/usr/bin' } }))).toEqual({
      error: '找不到 nianbao',
      hint: '在工作区里运行 npm install nianbao（或打开 nianbao 的克隆），或者在设置 nianbao.path 里写 nianbao 的路径（如 ~/nianbao/bin/nianbao.js）',
    });
  });

  it('on Windows: the script behind node_modules\\.bin\\nianbao.cmd, npm’s global shim by its script, another .cmd through the shell', () => {
    const win = { platform: 'win32' as const, home: 'C:\\Users\\clerk' };
    expect(findNianbao(lookup({ 'C:\\ws\\node_modules\\nianbao\\bin\\nianbao.js': '' }, { ...win, workspaceFolders: ['C:\\ws'] }))).toMatchObject({ command: 'node', args: ['C:\\ws\\node_modules\\nianbao\\bin\\nianbao.js'], shell: false });
    const npmGlobal = { 'C:\\Users\\clerk\\AppData\\Roaming\\npm\\nianbao.cmd': '', 'C:\\Users\\clerk\\AppData\\Roaming\\npm\\node_modules\\nianbao\\bin\\nianbao.js': '' };
    expect(findNianbao(lookup(npmGlobal, { ...win, env: { Path: 'C:\\Windows;C:\\Users\\clerk\\AppData\\Roaming\\npm', PATHEXT: '.COM;.EXE;.BAT;.CMD' } }))).toMatchObject({
      command: 'node', args: ['C:\\Users\\clerk\\AppData\\Roaming\\npm\\node_modules\\nianbao\\bin\\nianbao.js'], source: 'path',
    });
    const shim = findNianbao(lookup({ 'D:\\工具 箱\\nianbao.cmd': '' }, { ...win, env: { PATH: 'D:\\工具 箱' } }));
    expect(shim).toMatchObject({ command: 'D:\\工具 箱\\nianbao.cmd', shell: true });
    if ('error' in shim) throw new Error('not found');
    // cmd.exe gets one line: every argument with a space (a report under 年报 2024) is quoted.
    expect(commandLine(shim, ['watch', 'C:\\年报 2024\\2024.md', '--serve', '0'])).toEqual({
      command: '"D:\\工具 箱\\nianbao.cmd"', args: ['watch', '"C:\\年报 2024\\2024.md"', '--serve', '0'], shell: true,
    });
  });
});

describe('the command lines', () => {
  const clone = { command: 'node', args: ['/home/clerk/nianbao/bin/nianbao.js'], shell: false, source: 'clone', file: '/home/clerk/nianbao/bin/nianbao.js' } as const;

  it('the server: nianbao lsp --stdio (the client adds nothing: no transport is given)', () => {
    expect(serverCommandLine(clone)).toEqual({ command: 'node', args: ['/home/clerk/nianbao/bin/nianbao.js', 'lsp', '--stdio'], shell: false });
    expect(serverCommandLine({ command: '/usr/local/bin/nianbao', args: [], shell: false, source: 'path', file: '/usr/local/bin/nianbao' })).toEqual({
      command: '/usr/local/bin/nianbao', args: ['lsp', '--stdio'], shell: false,
    });
  });

  it('the preview: nianbao watch <file> --serve 0, the path as one argument', () => {
    expect(previewCommandLine(clone, '/home/clerk/年报 2024/2024.md')).toEqual({
      command: 'node', args: ['/home/clerk/nianbao/bin/nianbao.js', 'watch', '/home/clerk/年报 2024/2024.md', '--serve', '0'], shell: false,
    });
  });

  it('reads the URL from what nianbao watch --serve 0 really prints, and opens that page', async () => {
    const { mkdtempSync, copyFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao preview '));
    try {
      const file = path.join(dir, '2021.md');
      copyFileSync('examples/nanlong-2021.md', file);
      const line = previewCommandLine({ command: process.execPath, args: [path.resolve('bin/nianbao.js')], shell: false, source: 'clone', file: 'bin/nianbao.js' }, file);
      const { spawn } = await import('node:child_process');
      const child = spawn(line.command, line.args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let printed = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.on('exit', (code) => reject(new Error(`watch exited ${code}: ${printed}`)));
        child.stderr.on('data', (chunk: Buffer) => {
          printed += chunk.toString('utf8');
          const found = previewUrl(printed);
          if (found) resolve(found);
        });
      });
      try {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
        expect(url).not.toBe('http://127.0.0.1:0/');
        const page = await (await fetch(url)).text();
        expect(page).toContain('南龙镇');
        expect(page).toContain("new EventSource('/events')");
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no URL in other output', () => {
    expect(previewUrl('正在监视 1 个源文件（按 Ctrl+C 退出）\n')).toBeUndefined();
    expect(previewUrl('网页预览：http://example.com/\n')).toBeUndefined();
  });

  it('the webview page frames that one origin and nothing else', () => {
    const html = previewHtml('http://127.0.0.1:41234/', '预览：2024 "年报".md');
    expect(html).toContain(`content="default-src 'none'; frame-src http://127.0.0.1:41234; style-src 'unsafe-inline'"`);
    expect(html).toContain('<iframe src="http://127.0.0.1:41234/" title="预览：2024 &#34;年报&#34;.md"></iframe>');
    expect(html).not.toContain('<script');
  });
});
