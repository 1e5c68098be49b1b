import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { preflightGlyphs } from '../src/preflight/glyphs.js';
import type { FontRole } from '../src/fonts/roles.js';
import { compose } from '../src/document/compose.js';
import { FONT_ROLES } from '../src/model/fields.js';
import { checkSource } from '../src/pipeline.js';
import { compileTemplate } from '../src/template/render.js';
import { edit } from './support/check.js';

const SHIPPED = readFileSync(new URL('../templates/年度报告/report.md.hbs', import.meta.url), 'utf8');

/** Fonts that have every character except those listed for a role. */
function fonts(missing: Partial<Record<FontRole, string>>) {
  return Object.fromEntries(
    FONT_ROLES.map((role) => [role, { file: `${role}.ttf`, font: { hasGlyphForCodePoint: (c: number) => !(missing[role] ?? '').includes(String.fromCodePoint(c)) } }]),
  ) as Record<FontRole, { file: string; font: { hasGlyphForCodePoint: (c: number) => boolean } }>;
}

/** The preflight of a source through the real stages (template, document tree). */
function preflight(text: string, missing: Partial<Record<FontRole, string>>, template = SHIPPED): string[] {
  const report = checkSource('r.md', text).report;
  if (!report) throw new Error('no report');
  const rendered = compileTemplate(template, '年度报告', 't.hbs')(report);
  const doc = compose(report, rendered.markdown);
  return preflightGlyphs({ report, doc, rendered, fonts: fonts(missing) }).map(
    (d) => `${d.file}:${d.position.line}:${d.position.column} ${d.message}`,
  );
}

describe('glyph preflight', () => {
  it('checks **strong** text against the 黑体 of 一级标题 and *em* against the 楷体 of 二级标题', () => {
    const text = edit('本镇收到政府信息公开申请7件', '本镇**收到**政府信息公开*申请*7件');
    expect(preflight(text, { 一级标题: '收', 二级标题: '申' })).toEqual([
      'r.md:41:11 字符“收”（U+6536）不在“一级标题”的字体 一级标题.ttf 中',
      'r.md:41:22 字符“申”（U+7533）不在“二级标题”的字体 二级标题.ttf 中',
    ]);
    // The same characters in plain body text are the body font's business only.
    expect(preflight(edit('本镇收到政府信息公开申请7件', '本镇收到政府信息公开申请7件'), { 二级标题: '申' })).toEqual([]);
  });

  it('every role is checked on what it draws: title, 版头, headings, body, table cells, 版记, page numbers', () => {
    const text = edit('主送机关: 市政府信息中心', '主送机关: 市政府信息中心甲');
    expect(
      preflight(text, { 标题: '夏', 发文机关标志: '镇', 一级标题: '况', 二级标题: '动', 正文: '甲', 页码: '—' }),
    ).toEqual([
      // the 页码 font's dash is not in the source: reported at its start
      'r.md:1:1 字符“—”（U+2014）不在“页码”的字体 页码.ttf 中',
      'r.md:3:1 字符“夏”（U+590F）不在“标题”的字体 标题.ttf 中',
      'r.md:4:1 字符“镇”（U+9547）不在“发文机关标志”的字体 发文机关标志.ttf 中',
      'r.md:7:1 字符“甲”（U+7532）不在“正文”的字体 正文.ttf 中',
      'r.md:43:5 字符“动”（U+52A8）不在“二级标题”的字体 二级标题.ttf 中',
      // headings 一、总体情况 and the table cells come from the template's helpers
      't.hbs:19:3 字符“况”（U+51B5）不在“一级标题”的字体 一级标题.ttf 中',
    ]);
  });

  it('a table cell is checked in the body face at the {{{table}}} that printed it', () => {
    expect(preflight(edit('公开的及时性还需提高。', '公开的及时性还需提高。'), { 正文: '缴' })).toEqual([
      't.hbs:34:1 字符“缴”（U+7F34）不在“正文”的字体 正文.ttf 中',
    ]);
  });

  it('the 版记 is checked although the footer draws it', () => {
    expect(preflight(edit('抄送: [本镇书记, 镇长]', '抄送: [本镇书记, 镇长丙]'), { 正文: '丙' })).toEqual([
      'r.md:9:1 字符“丙”（U+4E19）不在“正文”的字体 正文.ttf 中',
    ]);
  });
});
