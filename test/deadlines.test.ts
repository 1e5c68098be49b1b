/** Deadlines by who reports (条例 第四十九条) and the fee statement from the year it was required (issue 12, items 2 and 3). */
import { describe, expect, it } from 'vitest';
import { issuerKindOf } from '../src/model/issuer.js';
import { checkSource } from '../src/pipeline.js';
import { edit, VALID } from './support/check.js';

const codes = (text: string) => checkSource('r.md', text).diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.code}`);
const dated = (agency: string, date: string, extra = '') =>
  edit('成文日期: 2022年1月21日', `成文日期: ${date}${extra}`).replace('机关: 临夏市南龙镇人民政府', `机关: ${agency}`).replace('印发日期: 2022年1月21日', `印发日期: ${date}`);

describe('date-late by who reports', () => {
  it('a county government’s report of 3月5日 is on time (it was warned date-late)', () => {
    expect(codes(dated('淮安市洪泽区人民政府', '2022年3月5日')).filter((c) => c.endsWith('date-late'))).toEqual([]);
  });

  it('a township’s report of 2月21日 is late, and the message says whose rule', () => {
    const late = checkSource('r.md', dated('临夏市南龙镇人民政府', '2022年2月21日')).diagnostics.filter((d) => d.code === 'date-late');
    expect(late.map((d) => d.message)).toEqual(['成文日期 2022年2月21日 晚于 2022年1月31日（乡镇人民政府、街道办事处按各地规定，多为每年 1月31日前公布）']);
  });

  it('a department’s report of 2月1日 is late under 第四十九条; a government’s of 4月1日 too', () => {
    const department = checkSource('r.md', dated('临夏市教育局', '2022年2月1日')).diagnostics.find((d) => d.code === 'date-late');
    expect(department?.message).toBe('成文日期 2022年2月1日 晚于 2022年1月31日（条例第四十九条：县级以上人民政府部门在每年 1月31日前公布上一年度的年度报告）');
    const government = checkSource('r.md', dated('淮安市人民政府', '2022年4月1日')).diagnostics.find((d) => d.code === 'date-late');
    expect(government?.message).toBe('成文日期 2022年4月1日 晚于 2022年3月31日（条例第四十九条：县级以上地方人民政府的年度报告在每年 3月31日前向社会公布）');
  });

  it('报告主体 overrides the name, and a value it cannot take is bad-option at its position', () => {
    const stated = dated('某某管理中心', '2022年2月21日').replace('机关: 某某管理中心', '机关: 某某管理中心\n报告主体: 人民政府');
    expect(codes(stated).filter((c) => c.endsWith('date-late'))).toEqual([]);
    const wrong = dated('某某管理中心', '2022年1月21日').replace('机关: 某某管理中心', '机关: 某某管理中心\n报告主体: 国务院');
    const bad = checkSource('r.md', wrong).diagnostics.filter((d) => d.code === 'bad-option');
    expect(bad.map((d) => `${d.position.line}:${d.position.column} ${d.message}`)).toEqual(['4:7 “报告主体”只能是 人民政府、部门、乡镇街道，这里是“国务院”']);
  });

  it('names are classified as the 条例 distinguishes them', () => {
    expect(['淮安市人民政府', '上海市人民政府办公厅', '淮安市洪泽区人民政府', '平潭综合实验区管理委员会'].map(issuerKindOf)).toEqual(['人民政府', '人民政府', '人民政府', '人民政府']);
    expect(['临夏市南龙镇人民政府', '松多藏族乡人民政府', '迎宾路街道办事处'].map(issuerKindOf)).toEqual(['乡镇街道', '乡镇街道', '乡镇街道']);
    expect(['临夏市教育局', '淮安市发展和改革委员会', '某县人民政府办公室'].map(issuerKindOf)).toEqual(['部门', '部门', '人民政府']);
  });
});

describe('fee-not-stated from the year the fee rules took effect (国办函〔2020〕109号, in force 2021-01-01)', () => {
  const silent = (year: number) => VALID.replace('年度: 2021', `年度: ${year}`).replace(/# 其他需要报告的事项\n\n[^\n]+/, '# 其他需要报告的事项\n\n无其他需要报告的事项。');

  it('a 2019 or 2020 report that does not mention the fee is not warned', () => {
    for (const year of [2019, 2020]) expect(codes(silent(year)).filter((c) => c.endsWith('fee-not-stated'))).toEqual([]);
  });

  it('a 2021 report that does not mention the fee is warned', () => {
    expect(codes(silent(2021)).filter((c) => c.endsWith('fee-not-stated'))).toHaveLength(1);
  });
});
