import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeBody, composeTokens, compose } from '../src/document/compose.js';
import type { Block } from '../src/document/types.js';
import { reportHtml } from '../src/html/render.js';
import { blocksToContent, documentBlocks, type PdfNode } from '../src/layout/blocks.js';
import { markdown } from '../src/source/markdown.js';
import { checkSource } from '../src/pipeline.js';
import { loadTemplate, templateFile } from '../src/template/load.js';

/** A block as a line of text: kind, then its runs as role:text. */
function shown(block: Block): string {
  if (block.kind === 'table') return `table ${block.rows.map((row) => row.map((c) => c.text).join('|')).join(' / ')}`;
  const runs = block.runs.map((r) => `${r.role}:${r.text}`).join(' ');
  return block.kind === 'heading' ? `h${block.level} ${block.number}${block.number ? ' ' : ''}${runs}` : `p${block.verbatim ? ' verbatim' : ''} ${runs}`;
}

/** The text of PDF content nodes, in order. */
function pdfText(nodes: readonly PdfNode[]): string {
  const of = (value: unknown): string =>
    typeof value === 'string' ? value : Array.isArray(value) ? value.map(of).join('') : value && typeof value === 'object' ? of((value as PdfNode).text ?? (value as PdfNode).stack ?? '') : '';
  return nodes.map(of).join('');
}

describe('the composer: one walker, a rule per token type', () => {
  it('sets **strong** in 黑体 and *em* in 楷体, numbers sub-headings per part and drops a typed number', () => {
    const blocks = composeBody('# 一、总体情况\n\n本镇**收到**申请*七*件。\n\n## （一）主动公开\n\n## 依申请公开\n\n# 二、其他\n\n## 说明\n');
    expect(blocks.map(shown)).toEqual([
      'h1 一级标题:一、总体情况',
      'p 正文:本镇 一级标题:收到 正文:申请 二级标题:七 正文:件。',
      'h2 （一） 二级标题:主动公开',
      'h2 （二） 二级标题:依申请公开',
      'h1 一级标题:二、其他',
      'h2 （一） 二级标题:说明',
    ]);
  });

  it('keeps an ordered list’s numbers, in the PDF content and the HTML alike', () => {
    const source = '# 一、总体情况\n\n1. 第一项\n2. 第二项\n\n- 甲\n- 乙\n';
    expect(composeBody(source).map(shown)).toEqual(['h1 一级标题:一、总体情况', 'p 正文:1.第一项', 'p 正文:2.第二项', 'p 正文:甲', 'p 正文:乙']);
    expect(pdfText(blocksToContent(documentBlocks(composeBody(source))))).toContain('1.第一项2.第二项甲乙');
    const report = checkSource('r.md', readFileSync(new URL('./fixtures/valid.md', import.meta.url), 'utf8')).report;
    if (!report) throw new Error('no report');
    const html = reportHtml({ ...compose(report, ''), body: composeBody(source) });
    expect(html).toContain('<p>1.第一项</p>\n<p>2.第二项</p>');
  });

  it('never drops text: code, raw HTML, quotes, links, images and hard breaks are kept', () => {
    const source = ['> 引用的话', '', '见[网站](http://example.gov.cn)。', '', '![附图说明](a.png)', '', '<div>原样</div>', '', '```', '代码 一', '```', '', '第一行\\', '第二行'].join('\n');
    expect(composeBody(source).map(shown)).toEqual([
      'p 正文:引用的话',
      'p 正文:见网站。',
      'p 正文:附图说明',
      'p verbatim 正文:<div>原样</div>',
      'p verbatim 正文:代码 一',
      'p 正文:第一行\n第二行',
    ]);
  });

  it('gives a token no rule knows (a plugin’s) its text: a block one verbatim, an inline one as text', () => {
    const tokens = markdown.parse('正文在此。\n', {});
    const inline = tokens[1];
    if (!inline?.children) throw new Error('no inline');
    const math = new (inline.constructor as new (type: string, tag: string, nesting: number) => (typeof tokens)[number])('math_inline', 'math', 0);
    math.content = 'E=mc2';
    inline.children.push(math);
    const block = new (inline.constructor as new (type: string, tag: string, nesting: number) => (typeof tokens)[number])('math_block', 'math', 0);
    block.content = 'x + y\n';
    block.map = [1, 2];
    expect(composeTokens([...tokens, block], '正文在此。\nx + y\n').map(shown)).toEqual(['p 正文:正文在此。E=mc2', 'p verbatim 正文:x + y']);
  });

  it('each run knows where it was written: a paragraph at its first character, a cell at its row', () => {
    const source = '# 一、总体情况\n\n  本镇**收到**申请。\n\n```grid header=1 widths=*,*\n甲 {th} | 乙 {th}\n1 | 2\n```\n';
    const blocks = composeBody(source);
    const paragraph = blocks[1];
    if (paragraph?.kind !== 'paragraph') throw new Error('no paragraph');
    const offsets = paragraph.runs.map((r) => (r.origin && 'markdown' in r.origin ? r.origin.markdown : -1));
    expect(offsets.map((o) => source.slice(o, o + 2))).toEqual(['本镇', '收到', '申请']);
    const table = blocks[2];
    if (table?.kind !== 'table') throw new Error('no table');
    const rowStart = table.rows[1]?.[0]?.origin;
    expect(rowStart && 'markdown' in rowStart ? source.slice(rowStart.markdown, rowStart.markdown + 5) : '').toBe('1 | 2');
  });

  it('composes every example: the 版头, title, 主送机关, 署名 and 版记 as runs, the body from the template', () => {
    for (const name of ['changle-2022', 'longde-chengguan-2021', 'nankou-2020', 'nanlong-2021', 'songduo-2021']) {
      const file = `examples/${name}.md`;
      const report = checkSource(file, readFileSync(file, 'utf8')).report;
      if (!report) throw new Error(`no report ${name}`);
      const markdownText = loadTemplate(templateFile('examples', report.template))(report).markdown;
      const doc = compose(report, markdownText);
      expect(doc.title.map((r) => r.text).join('')).toBe(report.title);
      expect(doc.body.filter((b) => b.kind === 'heading' && b.level === 1).length).toBeGreaterThanOrEqual(5);
      expect(doc.body.filter((b) => b.kind === 'table')).toHaveLength(3);
      expect(doc.signature?.date !== undefined).toBe(report.date !== undefined);
      if (doc.signature?.date) expect(doc.signature.date.text).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    }
  });
});
