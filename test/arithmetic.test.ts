import { describe, expect, it } from 'vitest';
import { cellAt } from '../src/model/types.js';
import { checkSource } from '../src/pipeline.js';
import { edit, lines, VALID } from './support/check.js';

describe('the valid fixture', () => {
  it('checks clean', () => {
    expect(lines(VALID)).toEqual([]);
  });

  it('derives the totals that are left out', () => {
    const report = checkSource('r.md', VALID).report;
    const table = report?.tables.application;
    if (!table) throw new Error('no report');
    expect(cellAt(table, '上年结转', '总计')).toMatchObject({ value: 1, state: 'derived' });
    expect(cellAt(table, '不予公开.属于国家秘密', '总计')).toMatchObject({
      value: 1,
      state: 'derived',
    });
    expect(cellAt(table, '予以公开', '科研机构')).toMatchObject({
      value: 0,
      display: '0',
      state: 'omitted',
    });
    const review = report?.tables.review;
    if (!review) throw new Error('no report');
    expect(cellAt(review, '复议后起诉', '总计')).toMatchObject({ value: 0, state: 'derived' });
  });
});

describe('every arithmetic rule, broken, gives exactly its diagnostic at the cell', () => {
  it('applicant-total: a row 总计 ≠ the sum of the applicant columns', () => {
    expect(
      lines(
        edit(
          '本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }',
          '本年新收: { 自然人: 5, 商业企业: 2, 总计: 8 }',
        ),
      ),
    ).toEqual([
      'r.md:21:32 错误 applicant-total 依申请公开“本年新收”：总计写的是 8，但各列之和为 7（自然人 5 + 商业企业 2，其余为 0）',
      // A balance diagnostic points at the column's 结转下年度继续办理 cell when it is written.
      'r.md:30:28 错误 balance 依申请公开“总计”列不平：本年新收 8 + 上年结转 1 = 9，而 （七）总计 7 + 结转下年度继续办理 1 = 8',
      'r.md:41:9 警告 narrative-contradicts-table 正文写“收到政府信息公开申请7件”，但依申请公开表“本年新收”总计为 8',
    ]);
  });

  it('result-total: （七）总计 ≠ the sum of the result rows, per column', () => {
    expect(
      lines(
        edit(
          '总计: { 自然人: 5, 商业企业: 2, 总计: 7 }',
          '总计: { 自然人: 6, 商业企业: 2, 总计: 8 }',
        ),
      ),
    ).toEqual([
      'r.md:29:14 错误 result-total 依申请公开“自然人”列：（七）总计写的是 6，但各项办理结果之和为 5（予以公开 3 + 部分公开 1 + 无法提供 › 本机关不掌握相关政府信息 1，其余为 0）',
      'r.md:29:30 错误 result-total 依申请公开“总计”列：（七）总计写的是 8，但各项办理结果之和为 7（予以公开 4 + 部分公开 1 + 不予公开 › 属于国家秘密 1 + 无法提供 › 本机关不掌握相关政府信息 1，其余为 0）',
      'r.md:30:21 错误 balance 依申请公开“自然人”列不平：本年新收 5 + 上年结转 1 = 6，而 （七）总计 6 + 结转下年度继续办理 1 = 7',
      'r.md:30:28 错误 balance 依申请公开“总计”列不平：本年新收 7 + 上年结转 1 = 8，而 （七）总计 8 + 结转下年度继续办理 1 = 9',
    ]);
  });

  it('balance: 一 + 二 ≠ （七）总计 + 四 in a column, totals left to be derived', () => {
    const text = edit(
      '结转下年度继续办理: { 自然人: 1, 总计: 1 }',
      '结转下年度继续办理: { 自然人: 2 }',
    );
    expect(lines(text.replace('  总计: { 自然人: 5, 商业企业: 2, 总计: 7 }\n', ''))).toEqual([
      // No total is written in the 总计 column's right side, so it points at 本年新收's 总计.
      'r.md:21:32 错误 balance 依申请公开“总计”列不平：本年新收 7 + 上年结转 1 = 8，而 （七）总计 7 + 结转下年度继续办理 2 = 9',
      'r.md:29:21 错误 balance 依申请公开“自然人”列不平：本年新收 5 + 上年结转 1 = 6，而 （七）总计 5 + 结转下年度继续办理 2 = 7',
    ]);
  });

  it('review-total: each 复议/诉讼 group', () => {
    expect(
      lines(
        edit(
          '行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 2 }',
          '行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 3 }',
        ),
      ),
    ).toEqual([
      'r.md:32:33 错误 review-total 复议诉讼“行政复议”：总计写的是 3，但各列之和为 2（结果维持 1 + 尚未审结 1，其余为 0）',
    ]);
    expect(
      lines(
        edit(
          '未经复议直接起诉: { 结果纠正: 1, 总计: 1 }',
          '未经复议直接起诉: { 结果纠正: 1, 总计: 0 }',
        ),
      ),
    ).toEqual([
      'r.md:33:28 错误 review-total 复议诉讼“未经复议直接起诉”：总计写的是 0，但各列之和为 1（结果纠正 1，其余为 0）',
    ]);
    expect(lines(edit('复议后起诉: {}', '复议后起诉: { 其他结果: 2, 总计: 1 }'))).toEqual([
      'r.md:34:25 错误 review-total 复议诉讼“复议后起诉”：总计写的是 1，但各列之和为 2（其他结果 2，其余为 0）',
    ]);
  });

  it('无 counts as 0, / is left out of the sums, a blank total counts as 0 (test/blanks.test.ts)', () => {
    const text = edit(
      '本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }',
      '本年新收: { 自然人: 5, 商业企业: 2, 科研机构: 无, 其他: /, 总计: 7 }',
    );
    expect(lines(text)).toEqual([]);
    expect(lines(edit('复议后起诉: {}', '复议后起诉: { 其他结果: 2, 总计: ~ }'))).toEqual([
      'r.md:34:25 错误 total-blank 复议诉讼“复议后起诉”：总计空着，但各列之和为 2（其他结果 2，其余为 0）',
    ]);
    expect(lines(edit('复议后起诉: {}', '复议后起诉: { 其他结果: 2, 总计: 无 }'))).toEqual([
      'r.md:34:25 错误 review-total 复议诉讼“复议后起诉”：总计写的是 无，但各列之和为 2（其他结果 2，其余为 0）',
    ]);
  });

  it('the 2019 layout of table 三 sums its single （六）其他处理 row', () => {
    const text = edit('依申请公开:\n', '依申请公开:\n  格式: 2019\n  其他处理: { 自然人: 1 }\n');
    expect(lines(text)).toEqual([
      'r.md:20:1 警告 format-outdated 2021 年度的报告，“依申请公开”表用的是 2019 格式',
      'r.md:31:14 错误 result-total 依申请公开“自然人”列：（七）总计写的是 5，但各项办理结果之和为 6（予以公开 3 + 部分公开 1 + 无法提供 › 本机关不掌握相关政府信息 1 + 其他处理 1，其余为 0）',
      'r.md:31:30 错误 result-total 依申请公开“总计”列：（七）总计写的是 7，但各项办理结果之和为 8（予以公开 4 + 部分公开 1 + 不予公开 › 属于国家秘密 1 + 无法提供 › 本机关不掌握相关政府信息 1 + 其他处理 1，其余为 0）',
    ]);
  });
});
