import { describe, expect, it } from 'vitest';
import { checkSource } from '../src/pipeline.js';
import { edit, lines, VALID } from './support/check.js';

/** Every diagnostic with its hint, as `nianbao check` prints them. */
const full = (text: string) => checkSource('r.md', text).diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.code} ${d.message} | ${d.hint}`);

describe('one mistake gives one error: a row or cell whose shape failed is left out of the sums', () => {
  it('the fixture itself is clean', () => {
    expect(lines(VALID)).toEqual([]);
  });

  it('a misspelled row key (本年新: {自然人: 5} under 依申请公开) gives only its unknown-key, no balance errors', () => {
    const text = edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新: { 自然人: 5, 商业企业: 2, 总计: 7 }');
    expect(full(text)).toEqual([
      '21:3 unknown-key “依申请公开”没有“本年新”这一项 | 是不是“本年新收”？此行未计入合计校验，改正后再检查',
    ]);
  });

  it('a cell 5件 gives only its unit-in-number, no applicant-total or balance error counting it as 0', () => {
    const text = edit('本年新收: { 自然人: 5,', '本年新收: { 自然人: 5件,');
    expect(full(text)).toEqual([
      '21:16 unit-in-number “本年新收”行“自然人”“5件”里写了单位“件” | 单元格只写数字，单位不写：5。此格未计入合计校验，改正后再检查',
    ]);
  });

  it('a misspelled column (自然: 5) gives only its unknown-key', () => {
    const text = edit('本年新收: { 自然人: 5,', '本年新收: { 自然: 5,');
    expect(full(text)).toEqual([
      '21:11 unknown-key “依申请公开”的“本年新收”行没有“自然”这一项 | 是不是“自然人”？此格未计入合计校验，改正后再检查',
    ]);
  });

  it('a misspelled group item (属于国家机密) gives only its unknown-key', () => {
    const text = edit('属于国家秘密:', '属于国家机密:');
    expect(full(text)).toEqual([
      '26:5 unknown-key “依申请公开”的“不予公开”没有“属于国家机密”这一项 | 是不是“属于国家秘密”？此行未计入合计校验，改正后再检查',
    ]);
  });

  it('a row list of the wrong length (本年新收: [5, 2]) gives only its row-length', () => {
    const text = edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: [5, 2]');
    expect(full(text)).toEqual([
      '21:9 row-length “依申请公开”的“本年新收”行列了 2 个值，应当是 7 个（或不写总计，6 个），依次为自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计 | 每列一个值，按上面的顺序写；空着的格写 ~，没有的写 0；总计不写则自动计算。此行未计入合计校验，改正后再检查',
    ]);
  });

  it('a wrong value in a row list (本年新收: [5, 2件, …]) gives only its unit-in-number, at the value', () => {
    const text = edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: [5, 2件, 0, 0, 0, 0, 7]');
    expect(full(text)).toEqual([
      '21:13 unit-in-number “本年新收”行“商业企业”“2件”里写了单位“件” | 单元格只写数字，单位不写：2。此格未计入合计校验，改正后再检查',
    ]);
  });

  it('a 复议诉讼 cell 1件 gives only its unit-in-number, no review-total', () => {
    const text = edit('行政复议: { 结果维持: 1,', '行政复议: { 结果维持: 1件,');
    expect(full(text)).toEqual([
      '32:17 unit-in-number “行政复议”行“结果维持”“1件”里写了单位“件” | 单元格只写数字，单位不写：1。此格未计入合计校验，改正后再检查',
    ]);
  });

  it('a 主动公开 cell 3件 (a table without sums) says nothing about sums', () => {
    const text = edit('行政处罚: 3', '行政处罚: 3件');
    expect(full(text)).toEqual(['17:9 unit-in-number “行政处罚”“3件”里写了单位“件” | 单元格只写数字，单位不写：3']);
  });

  it('a real imbalance elsewhere in the table is still found next to the shape error (上年结转 2 unbalances its column and the 总计 column)', () => {
    const text = edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: { 自然人: 5, 商业企业: 2件, 总计: 7 }').replace('上年结转: { 自然人: 1 }', '上年结转: { 自然人: 2 }');
    expect(lines(text)).toEqual([
      'r.md:21:25 错误 unit-in-number “本年新收”行“商业企业”“2件”里写了单位“件”',
      'r.md:30:21 错误 balance 依申请公开“自然人”列不平：本年新收 5 + 上年结转 2 = 7，而 （七）总计 5 + 结转下年度继续办理 1 = 6',
      'r.md:30:28 错误 balance 依申请公开“总计”列不平：本年新收 7 + 上年结转 2 = 9，而 （七）总计 7 + 结转下年度继续办理 1 = 8',
    ]);
  });
});
