import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics/format.js';
import { checkSource } from '../src/pipeline.js';
import { decodeSource } from '../src/source/decode.js';
import { nianbao, scratch } from './support/cli.js';
import { edit, VALID } from './support/check.js';
import { readPdf } from './support/pdf.js';

/**
 * GB 18030's two-byte half, inverted from Node's own decoder: enough to save the fixture as a
 * Chinese Windows editor would (Node has no GBK encoder, and the test must not need iconv).
 */
const GB_BYTES = (() => {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  return table;
})();

function gbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const pair = GB_BYTES.get(ch);
      if (!pair) throw new Error(`no GBK bytes for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

const lines = (bytes: Uint8Array) => checkSource('r.md', bytes).diagnostics.map((d) => formatDiagnostic({ ...d, hint: '' }));
const GB_WARNING =
  'r.md:1:1 警告 encoding 文件不是 UTF-8 编码，而是 GB 18030（GBK）编码：已按 GB 18030 读取（文件本身不会被改写）；下面的列号按解码后的字符计';

describe('source encodings', () => {
  it('a GBK-encoded source is read as GB 18030 with one encoding warning (not 同一层里有重复的键)', () => {
    const bytes = gbk(VALID);
    expect(new TextDecoder('utf-8', { fatal: false }).decode(bytes)).not.toBe(VALID); // really not UTF-8
    expect(lines(bytes)).toEqual([GB_WARNING]);
    const checked = checkSource('r.md', bytes);
    expect(checked.ok).toBe(true);
    expect(checked.report?.agency).toBe('临夏市南龙镇人民政府');
    expect(checked.diagnostics[0]?.hint).toContain('另存为 UTF-8');
  });

  it('positions in a GB 18030 file are in characters of the decoded text, as in the UTF-8 file', () => {
    const text = edit('行政处罚: 3', '行政处罚: 3件');
    expect(lines(gbk(text))).toEqual([GB_WARNING, 'r.md:17:9 错误 unit-in-number “行政处罚”“3件”里写了单位“件”']);
    expect(lines(Buffer.from(text))).toEqual(['r.md:17:9 错误 unit-in-number “行政处罚”“3件”里写了单位“件”']);
  });

  it('a file that is neither UTF-8 nor GB 18030 is an encoding error at the line:column of its first bad byte', () => {
    // Latin-1 é (0xE9) before a space: not UTF-8, and not a GB 18030 character either.
    const [before, after] = edit('\n机关: 临夏市南龙镇人民政府', '\n机关: Caf|é ok').split('|é') as [string, string];
    const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(after)]);
    expect(lines(bytes)).toEqual([
      `r.md:3:8 错误 encoding 文件不是 UTF-8 编码：第 ${Buffer.byteLength(before) + 1} 个字节（0xE9）无法按 UTF-8 读取，也不是 GB 18030（GBK）编码的中文`,
    ]);
    expect(checkSource('r.md', bytes).report).toBeUndefined();
  });

  it('bytes that decode as GB 18030 but are not Chinese text (a binary file) are an error, not a warning', () => {
    // 0x80 is € in GB 18030: well-formed there, but no report source holds it.
    const bytes = Buffer.concat([Buffer.from('---\n年度: 2021\n'), Buffer.from([0x80, 0x80]), Buffer.from('\n---\n')]);
    expect(lines(bytes)).toEqual(['r.md:3:1 错误 encoding 文件不是 UTF-8 编码：第 18 个字节（0x80）无法按 UTF-8 读取，也不是 GB 18030（GBK）编码的中文']);
  });

  it('a UTF-8 BOM is accepted silently and does not shift columns', () => {
    const text = edit('行政处罚: 3', '行政处罚: 3件');
    expect(lines(Buffer.from(`\uFEFF${VALID}`))).toEqual([]);
    expect(lines(Buffer.from(`\uFEFF${text}`))).toEqual(['r.md:17:9 错误 unit-in-number “行政处罚”“3件”里写了单位“件”']);
    // A bad byte on line 1 after a BOM: the BOM is not counted as a column either.
    const bad = Buffer.concat([Buffer.from('\uFEFF---'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(lines(bad)[0]).toMatch(/^r\.md:1:4 错误 encoding 文件不是 UTF-8 编码：第 7 个字节（0xFF）/);
  });

  it('UTF-16 (BOM FF FE or FE FF) is detected and named', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(lines(le)).toEqual(['r.md:1:1 错误 encoding 文件是 UTF-16 LE 编码（开头有它的字节顺序标记），nianbao 只读 UTF-8']);
    expect(lines(be)).toEqual(['r.md:1:1 错误 encoding 文件是 UTF-16 BE 编码（开头有它的字节顺序标记），nianbao 只读 UTF-8']);
  });

  it('decodeSource: UTF-8 text comes back unchanged with no diagnostics', () => {
    expect(decodeSource('r.md', Buffer.from(VALID))).toEqual({ text: VALID, diagnostics: [] });
  });
});

describe('nianbao with a GBK-encoded source', () => {
  it('check: exit 0 with the encoding warning; build: the PDF has the Chinese text; the source is never written back', async () => {
    const dir = scratch();
    const file = path.join(dir, 'gbk.md');
    const bytes = gbk(VALID);
    writeFileSync(file, bytes);
    const check = nianbao(['check', 'gbk.md'], dir);
    expect(check.status).toBe(0);
    expect(check.stdout).toBe(`${GB_WARNING.replace('r.md', 'gbk.md')}\n  提示：${decodeSource('gbk.md', bytes).diagnostics[0]?.hint}\n`);
    const build = nianbao(['build', 'gbk.md'], dir);
    expect(build.status).toBe(0);
    const pdf = await readPdf(readFileSync(path.join(dir, 'gbk.pdf')));
    expect(pdf.pages.map((p) => p.text).join('')).toContain('临夏市南龙镇人民政府');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('check of a file that is not UTF-8: exit 1 with the encoding error, no stack trace', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bin.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0xfd, 0x0a]));
    const run = nianbao(['check', 'bin.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('bin.md:2:1 错误 encoding 文件不是 UTF-8 编码：第 5 个字节（0xFF）无法按 UTF-8 读取，也不是 GB 18030（GBK）编码的中文');
  });
});
