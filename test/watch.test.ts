/**
 * `nianbao watch` as a user runs it: a child process, saves made the ways editors make them, and
 * the PDF on disk read back after each line watch prints. Every wait is for a line watch prints
 * (Running.next), never for a fixed time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { edit, VALID } from './support/check.js';
import { nianbao, ROOT, scratch } from './support/cli.js';
import { readPdf } from './support/pdf.js';
import { Running } from './support/spawn.js';

/** The one line watch prints for each build it finishes (or could not start). */
const BUILT = /^(已生成|未更新|未找到|无法|文件操作失败|内部错误)/;
const PHRASE = '公开的及时性还需提高。';
const TEMPLATE = 'templates/年度报告/report.md.hbs';
const SHIPPED_TEMPLATE = readFileSync(path.join(ROOT, TEMPLATE), 'utf8');
const FONT = '仿宋_GB2312.ttf'; // the 正文 role's file beside the report (README, Fonts)
const FANG = readFileSync(path.join(ROOT, 'fonts/FandolFang-Regular.ttf'));
// No role uses Fandol Hei Bold: seen in the PDF, it can only have come from the file beside the report.
const HEI_BOLD = readFileSync(path.join(ROOT, 'fonts/FandolHei-Bold.ttf'));

const withText = (text: string) => edit(PHRASE, text);
const withNote = (note: string) => SHIPPED_TEMPLATE.replace('{{{part 6}}}', `{{{part 6}}}\n\n${note}`);

/** The PDF's text, without the spaces and line breaks the layout puts in. */
async function pdfText(file: string): Promise<string> {
  const pdf = await readPdf(readFileSync(file));
  return pdf.pages.map((page) => page.text).join('').replace(/\s/g, '');
}

/** The fonts embedded in the PDF, by name (pdffonts, without the subset prefix). */
function pdfFonts(file: string): string[] {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '') ?? '')
    .filter((name) => name !== '');
}

/** A write as vim and many editors save: a temporary file beside it, renamed onto it. */
function renameOver(file: string, data: string | Buffer): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.swp-new`);
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/**
 * Writes the replacement font in place and returns the build line once the whole file is there:
 * a 10 MB write is seen while it is still under way, and a font cut short is a font error (未更新)
 * until the rest arrives and the next event rebuilds.
 */
async function writtenFont(watch: Running, file: string): Promise<string> {
  const built = () => (watch.stderr.match(/已生成 /g) ?? []).length;
  const before = built();
  const line = await watch.next(BUILT, () => writeFileSync(file, HEI_BOLD));
  if (!line.startsWith('未更新')) return line;
  expect(watch.stdout).toMatch(/错误 font 字体文件“.*”不完整或已损坏/);
  // The rebuild may already have been printed after that line: count, do not wait for a new one.
  await watch.until(/已生成 /, before + 1);
  return watch.stderr.split('\n').filter((l) => l.startsWith('已生成 ')).at(-1) ?? '';
}

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A report folder with `files`, watched; resolves once the first build is done. */
async function watching(files: Record<string, string | Buffer>): Promise<{ dir: string; at: (name: string) => string; pdf: string; watch: Running }> {
  const dir = scratch();
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
  const watch = new Running(['watch', 'r.md'], dir);
  running = watch;
  await watch.until(/正在监视 1 个源文件/);
  expect(watch.stderr).toMatch(/^已生成 r\.pdf（\d+ ms）\n/);
  return { dir, at: (name) => path.join(dir, name), pdf: path.join(dir, 'r.pdf'), watch };
}

describe('nianbao watch', () => {
  it('rebuilds on save, keeps the last good PDF on a bad save, rebuilds on a fix and on a template edit', async () => {
    const { dir, at, pdf, watch } = await watching({ 'r.md': VALID, [TEMPLATE]: SHIPPED_TEMPLATE });
    const first = readFileSync(pdf);
    // The watch loop's PDF is an ordinary build's, byte for byte.
    expect(nianbao(['build', 'r.md', '-o', 'ordinary.pdf'], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'ordinary.pdf')).equals(first)).toBe(true);

    expect(await watch.next(BUILT, () => writeFileSync(at('r.md'), withText('公开的及时性还需进一步提高。')))).toMatch(/^已生成 r\.pdf（\d+ ms）$/);
    const second = readFileSync(pdf);
    expect(second.equals(first)).toBe(false);

    expect(await watch.next(BUILT, () => writeFileSync(at('r.md'), edit('  行政处罚: 3', '\t行政处罚: 3')))).toBe('未更新 r.pdf：源文件有错误，保留上一次的 PDF，继续监视');
    expect(watch.stdout).toContain('r.md:17:1 错误 yaml-syntax 缩进里有制表符（Tab）');
    expect(readFileSync(pdf).equals(second)).toBe(true);

    expect(await watch.next(BUILT, () => writeFileSync(at('r.md'), VALID))).toMatch(/^已生成 r\.pdf/);
    expect(readFileSync(pdf).equals(first)).toBe(true);

    expect(await watch.next(BUILT, () => writeFileSync(at(TEMPLATE), withNote('本报告由模板追加的说明。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('本报告由模板追加的说明。');
    expect(await watch.stop()).toBe(0);
  }, 180_000);

  it('coalesces a burst of saves into one rebuild', async () => {
    const { at, pdf, watch } = await watching({ 'r.md': VALID });
    const from = watch.stderr.length;
    const burst = () => {
      for (let i = 0; i < 5; i++) writeFileSync(at('r.md'), withText(`第${i}次修改。`));
    };
    expect(await watch.next(/^已生成/, burst)).toMatch(/^已生成 r\.pdf/);
    const text = await pdfText(pdf);
    expect(text).toContain('第4次修改。');
    // One more save, after the burst: whatever the burst caused has been printed before its line.
    expect(await watch.next(/^已生成/, () => writeFileSync(at('r.md'), withText('突发之后的保存。')))).toMatch(/^已生成 r\.pdf/);
    expect(watch.stderr.slice(from).split('\n').filter((line) => BUILT.test(line))).toEqual([
      expect.stringMatching(/^已生成 r\.pdf（\d+ ms）$/),
      expect.stringMatching(/^已生成 r\.pdf（\d+ ms）$/),
    ]);
    expect(await pdfText(pdf)).toContain('突发之后的保存。');
  }, 180_000);

  it('a save the build rejects (a grid block with header=999) is reported in one line and watch goes on', async () => {
    const { at, pdf, watch } = await watching({ 'r.md': VALID });
    const before = readFileSync(pdf);
    const rejected = withText(`${PHRASE}\n\n\`\`\`grid header=999\n甲 | 乙\n\`\`\`\n`);
    // A diagnostic (未更新), since header=999 is a positioned grid error; never the end of watch.
    expect(await watch.next(BUILT, () => writeFileSync(at('r.md'), rejected))).toBe('未更新 r.pdf：源文件有错误，保留上一次的 PDF，继续监视');
    expect(readFileSync(pdf).equals(before)).toBe(true);
    expect(watch.stderr).not.toMatch(/^\s+at /m);
    expect(await watch.next(BUILT, () => writeFileSync(at('r.md'), withText('改正之后的新内容。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('改正之后的新内容。');
  }, 180_000);
});

describe('watch survives the source being replaced on disk', () => {
  it('source deleted and recreated: says it waits, keeps the last PDF, rebuilds with the new text and on later saves', async () => {
    const { at, pdf, watch } = await watching({ 'r.md': VALID });
    const before = readFileSync(pdf);
    expect(await watch.next(BUILT, () => rmSync(at('r.md')))).toBe('未找到 r.md，等待它重新出现（保留上一次的 PDF）');
    expect(readFileSync(pdf).equals(before)).toBe(true);
    expect(await watch.next(BUILT, () => writeFileSync(at('r.md'), withText('删除后重建的新内容。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('删除后重建的新内容。');
    expect(await watch.next(BUILT, () => writeFileSync(at('r.md'), withText('重建之后再次保存。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('重建之后再次保存。');
  }, 180_000);

  it('source renamed over (a temporary file renamed onto it, as vim saves): rebuilds with the new text and on later saves', async () => {
    const { at, pdf, watch } = await watching({ 'r.md': VALID });
    expect(await watch.next(BUILT, () => renameOver(at('r.md'), withText('改名覆盖的新内容。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('改名覆盖的新内容。');
    expect(await watch.next(BUILT, () => renameOver(at('r.md'), withText('再次改名覆盖。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('再次改名覆盖。');
  }, 180_000);

  it('source truncated then refilled: the empty file is an error that keeps the last PDF, the refill rebuilds', async () => {
    const { at, pdf, watch } = await watching({ 'r.md': VALID });
    const before = readFileSync(pdf);
    expect(await watch.next(BUILT, () => truncateSync(at('r.md')))).toBe('未更新 r.pdf：源文件有错误，保留上一次的 PDF，继续监视');
    expect(watch.stdout).toContain('r.md:1:1 错误 front-matter-missing');
    expect(readFileSync(pdf).equals(before)).toBe(true);
    expect(await watch.next(BUILT, () => writeFileSync(at('r.md'), withText('清空后重新写入。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('清空后重新写入。');
  }, 180_000);
});

describe('watch survives the template being replaced on disk', () => {
  const start = { 'r.md': VALID, [TEMPLATE]: withNote('模板追加甲。') };

  it('template deleted and recreated: builds with the shipped template meanwhile, then with the recreated one', async () => {
    const { at, pdf, watch } = await watching(start);
    expect(await pdfText(pdf)).toContain('模板追加甲。');
    expect(await watch.next(BUILT, () => rmSync(at(TEMPLATE)))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).not.toContain('模板追加甲。');
    expect(await watch.next(BUILT, () => writeFileSync(at(TEMPLATE), withNote('重建的模板乙。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('重建的模板乙。');
    expect(await watch.next(BUILT, () => writeFileSync(at(TEMPLATE), withNote('模板再次保存丙。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('模板再次保存丙。');
  }, 180_000);

  it('template renamed over: rebuilds with the new template and on later saves', async () => {
    const { at, pdf, watch } = await watching(start);
    expect(await watch.next(BUILT, () => renameOver(at(TEMPLATE), withNote('改名覆盖的模板乙。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('改名覆盖的模板乙。');
    expect(await watch.next(BUILT, () => renameOver(at(TEMPLATE), withNote('再次覆盖的模板丙。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('再次覆盖的模板丙。');
  }, 180_000);

  it('template truncated then refilled: rebuilds with the refilled template', async () => {
    const { at, pdf, watch } = await watching(start);
    // An empty template prints nothing of the report: a build of it or an error, either way one line.
    expect(await watch.next(BUILT, () => truncateSync(at(TEMPLATE)))).toMatch(/^(已生成|未更新) r\.pdf/);
    expect(await watch.next(BUILT, () => writeFileSync(at(TEMPLATE), withNote('重新写入的模板乙。')))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).toContain('重新写入的模板乙。');
  }, 180_000);

  it('template folder deleted and copied back: rebuilds with the copied template', async () => {
    const { at, pdf, watch } = await watching(start);
    expect(await watch.next(BUILT, () => rmSync(at('templates'), { recursive: true }))).toMatch(/^已生成 r\.pdf/);
    expect(await pdfText(pdf)).not.toContain('模板追加甲。');
    const copy = () => {
      mkdirSync(path.dirname(at(TEMPLATE)), { recursive: true });
      writeFileSync(at(TEMPLATE), withNote('复制回来的模板乙。'));
    };
    expect(await watch.next(BUILT, copy)).toMatch(/^已生成 r\.pdf/);
    // The folder's creation and the file's may come as two events: wait for the build that has the file.
    for (let i = 0; i < 3 && !(await pdfText(pdf)).includes('复制回来的模板乙。'); i++) await watch.next(BUILT);
    expect(await pdfText(pdf)).toContain('复制回来的模板乙。');
  }, 180_000);
});

describe('watch survives a font file beside the report being replaced on disk', () => {
  const start = { 'r.md': VALID, [FONT]: FANG };

  it('font deleted and recreated: rebuilds with the fallback meanwhile, then with the recreated font', async () => {
    const { at, pdf, watch } = await watching(start);
    expect(pdfFonts(pdf)).not.toContain('FandolHei-Bold');
    expect(await watch.next(BUILT, () => rmSync(at(FONT)))).toMatch(/^已生成 r\.pdf/);
    expect(await writtenFont(watch, at(FONT))).toMatch(/^已生成 r\.pdf/);
    expect(pdfFonts(pdf)).toContain('FandolHei-Bold');
    expect(await pdfText(pdf)).toContain(PHRASE);
  }, 180_000);

  it('font renamed over: rebuilds with the new font', async () => {
    const { at, pdf, watch } = await watching(start);
    expect(pdfFonts(pdf)).not.toContain('FandolHei-Bold');
    expect(await watch.next(BUILT, () => renameOver(at(FONT), HEI_BOLD))).toMatch(/^已生成 r\.pdf/);
    expect(pdfFonts(pdf)).toContain('FandolHei-Bold');
    expect(await watch.next(BUILT, () => renameOver(at(FONT), FANG))).toMatch(/^已生成 r\.pdf/);
    expect(pdfFonts(pdf)).not.toContain('FandolHei-Bold');
  }, 180_000);

  it('font truncated then refilled: the empty font is an error that keeps the last PDF, the refill rebuilds', async () => {
    const { at, pdf, watch } = await watching(start);
    const before = readFileSync(pdf);
    expect(await watch.next(BUILT, () => truncateSync(at(FONT)))).toBe('未更新 r.pdf：源文件有错误，保留上一次的 PDF，继续监视');
    expect(readFileSync(pdf).equals(before)).toBe(true);
    expect(await writtenFont(watch, at(FONT))).toMatch(/^已生成 r\.pdf/);
    expect(pdfFonts(pdf)).toContain('FandolHei-Bold');
  }, 180_000);

  it('font beside the report a symbolic link: the file it points to replaced rebuilds with the new font', async () => {
    const dir = scratch({ 'r.md': VALID });
    mkdirSync(path.join(dir, 'store'));
    writeFileSync(path.join(dir, 'store/fang.ttf'), FANG);
    symlinkSync('store/fang.ttf', path.join(dir, FONT));
    const watch = new Running(['watch', 'r.md'], dir);
    running = watch;
    await watch.until(/正在监视 1 个源文件/);
    const pdf = path.join(dir, 'r.pdf');
    expect(pdfFonts(pdf)).not.toContain('FandolHei-Bold');
    expect(await watch.next(BUILT, () => renameOver(path.join(dir, 'store/fang.ttf'), HEI_BOLD))).toMatch(/^已生成 r\.pdf/);
    expect(pdfFonts(pdf)).toContain('FandolHei-Bold');
  }, 180_000);
});
