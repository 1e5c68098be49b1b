import { describe, expect, it } from 'vitest';
import { breakLines } from '../src/text/lines.js';
import { composeBody } from '../src/document/compose.js';
import { type ContentOptions, blocksToContent, documentBlocks, type PdfNode } from '../src/layout/blocks.js';

const markdownToBlocks = (md: string, o?: ContentOptions) => documentBlocks(composeBody(md), o);
const markdownToContent = (md: string, o?: ContentOptions) => blocksToContent(markdownToBlocks(md, o));

const measure = (ch: string) => ((ch.codePointAt(0) ?? 0) < 0x2e80 ? 8 : 16);
const options = { pageHeight: 637.8, bodySize: 16, pitch: 28.95, lines: { measure, width: 16 * 28 } };

function texts(nodes: PdfNode[]): string[] {
  return nodes.flatMap((n) => (Array.isArray(n.stack) ? texts(n.stack as PdfNode[]) : typeof n.text === 'string' ? [n.text] : []));
}

describe('line breaking', () => {
  it('fills 28 characters, indents the first line, never starts a line with a closing mark', () => {
    const text = '一二三四五六七八九十一二三四五六七八九十一二三四五六，七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十。';
    const lines = breakLines(text, { measure, width: 16 * 28, indent: 32 });
    expect(lines.map((l) => l.text).join('')).toBe(text);
    for (const line of lines.slice(1)) expect('，。、；：'.includes(line.text[0] ?? '')).toBe(false);
    expect([...(lines[0]?.text ?? '')].length).toBeLessThanOrEqual(26);
    expect(lines[lines.length - 1]?.spacing).toBe(0);
    // Justified: natural width + spacing × (n − 1) fills the line exactly.
    const second = lines[1] as { text: string; spacing: number };
    const natural = [...second.text].reduce((sum, ch) => sum + measure(ch), 0);
    expect(natural + second.spacing * ([...second.text].length - 1)).toBeCloseTo(16 * 28, 6);
  });

  it('never splits a number or a Latin word', () => {
    // 27 characters leave one em: 2610 (two ems) would straddle the edge, so it goes down whole.
    const number = breakLines(`${'字'.repeat(27)}2610条信息`, { measure, width: 16 * 28, indent: 0 });
    expect(number.map((l) => l.text)).toEqual(['字'.repeat(27), '2610条信息']);
    const word = breakLines(`${'字'.repeat(26)}的WWWW站点`, { measure, width: 16 * 28, indent: 0 });
    expect(word.map((l) => l.text)).toEqual([`${'字'.repeat(26)}的`, 'WWWW站点']);
  });
});

describe('Markdown to content', () => {
  it('a heading, its lead-in lines and a table are measured blocks, each text once', () => {
    const md = '# 三、收到和处理政府信息公开申请情况\n\n本机关全年收到和处理政府信息公开申请的情况，按申请人类别和办理结果分列统计如下：\n\n```grid header=1 widths=100,100\n甲 {rs=2 th} | 乙\n丙\n```\n\n# 四、下一部分\n\n正文。\n';
    expect(markdownToBlocks(md, options).map((b) => b.measure.kind)).toEqual(['heading', 'lines', 'table', 'heading', 'lines']);
    const content = markdownToContent(md, options);
    const all = texts(content);
    expect(all.filter((t) => t === '三、收到和处理政府信息公开申请情况')).toHaveLength(1);
    const lead = '本机关全年收到和处理政府信息公开申请的情况，按申请人类别和办理结果分列统计如下：';
    expect(all.join('').split(lead)).toHaveLength(2);
    expect(all).toContain('正文。');
  });
});

describe('标点挤压', () => {
  it('a closing mark that overflows by at most half its width stays, the line set tighter', () => {
    const text = `${'字'.repeat(27)}〔2021〕30号要求`;
    const lines = breakLines(text, { measure, width: 16 * 28, indent: 0 });
    expect(lines[0]?.text.endsWith('〔')).toBe(false);
    const tight = breakLines(`${'字'.repeat(28)}，后文`, { measure, width: 16 * 28.5, indent: 0 });
    expect(tight[0]?.text).toBe(`${'字'.repeat(28)}，`);
    expect(tight[0]?.spacing).toBeLessThan(0);
  });
});
