import { describe, expect, it } from 'vitest';
import { preflightGlyphs } from '../src/fonts/preflight.js';
import { FONT_ROLES } from '../src/model/fields.js';
import type { FontRole } from '../src/fonts/roles.js';
import { checkSource } from '../src/pipeline.js';
import { edit } from './support/check.js';

/** Fonts that have every character except those listed for a role. */
function fonts(missing: Partial<Record<FontRole, string>>) {
  return Object.fromEntries(
    FONT_ROLES.map((role) => [role, { file: `${role}.ttf`, font: { hasGlyphForCodePoint: (c: number) => !(missing[role] ?? '').includes(String.fromCodePoint(c)) } }]),
  ) as Record<FontRole, { file: string; font: { hasGlyphForCodePoint: (c: number) => boolean } }>;
}

describe('glyph preflight', () => {
  it('checks **strong** text against the 黑体 of 一级标题 and *em* against the 楷体 of 二级标题', () => {
    const text = edit('本镇收到政府信息公开申请7件', '本镇**收到**政府信息公开*申请*7件');
    const report = checkSource('r.md', text).report;
    if (!report) throw new Error('no report');
    const diagnostics = preflightGlyphs(report, fonts({ 一级标题: '收', 二级标题: '申', 正文: '' }));
    expect(diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.message}`)).toEqual([
      '41:11 字符“收”（U+6536）不在“一级标题”的字体 一级标题.ttf 中',
      '41:22 字符“申”（U+7533）不在“二级标题”的字体 二级标题.ttf 中',
    ]);
    // The same characters in plain body text are the body font's business only.
    expect(preflightGlyphs(report, fonts({ 正文: '' }))).toEqual([]);
  });
});
