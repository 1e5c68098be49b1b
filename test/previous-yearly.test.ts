/**
 * The checks across years that evaluators make (issue 12, item 6): `text-reused` and `year-jump`,
 * on the real consecutive reports of test/fixtures/published/ (平潭 2019 → … → 2025, 洪泽 2023 →
 * 2024; every finding judged in that folder's README) and on minimal sources.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeForReuse, reusedShares } from '../src/check/text-reused.js';
import { isJump } from '../src/check/year-jump.js';
import type { Report } from '../src/model/types.js';
import { checkSource } from '../src/pipeline.js';
import { edit, lines, VALID, yearBefore } from './support/check.js';
import { nianbao } from './support/cli.js';

const DIR = 'test/fixtures/published';
const sourceOf = (name: string) => readFileSync(`${DIR}/${name}.md`, 'utf8');
const reportOf = (name: string, text = sourceOf(name)): Report => {
  const report = checkSource(`${DIR}/${name}.md`, text).report;
  if (!report) throw new Error(`${name} does not parse`);
  return report;
};
const format = (d: { position: { line: number; column: number }; severity: string; code: string; message: string }) =>
  `${d.position.line}:${d.position.column} ${d.severity} ${d.code} ${d.message}`;

/** What `--previous` adds to the check of `name` (its own diagnostics are in published.test.ts). */
function added(name: string, previous: Report, text = sourceOf(name)): string[] {
  const file = `${DIR}/${name}.md`;
  const alone = new Set(checkSource(file, text).diagnostics.map(format));
  return checkSource(file, text, previous).diagnostics.map(format).filter((d) => !alone.has(d));
}

/** The text under a part heading, up to the next `# ` heading. */
function partBody(text: string, heading: string): string {
  const start = text.indexOf(`\n# ${heading}\n`);
  if (start < 0) throw new Error(`no # ${heading}`);
  const from = start + heading.length + 4;
  const end = text.indexOf('\n# ', from);
  return text.slice(from, end < 0 ? text.length : end);
}
const withPart = (text: string, heading: string, body: string) => text.replace(partBody(text, heading), body);

describe('every real consecutive pair: what --previous adds, each judged', () => {
  it.each([
    // 2019 → 2020: both 2019 format, nothing jumps (23 → 21 applications; 行政许可 181 → 278); text 11 % / 5 %.
    ['pingtan-2019', 'pingtan-2020', []],
    // Across the format change only rows both tables have: 2019's 处理决定数量 278 against 2021's
    // 本年处理决定数量 2293 (true: the published figures jump ×8.2, the text says nothing of it);
    // 未经复议直接起诉 0 → 12 (true: 12 lawsuits after none).
    [
      'pingtan-2020',
      'pingtan-2021',
      [
        '17:9 warning year-jump 主动公开“行政许可”处理决定数量：2021 年度 2293，2020 年度 278，是上年的 8.2 倍',
        '62:27 warning year-jump 复议诉讼“未经复议直接起诉”总计：2021 年度 12，2020 年度 0，上年为 0',
      ],
    ],
    // 行政强制 42 → 0 (true, and the likeliest slip of the series: 2023 has 54 again); 直接起诉 12 → 1
    // is ×12 but the larger is under 20 (ignored); 行政许可 2293 → 10690 is ×4.7 (under ×5).
    ['pingtan-2021', 'pingtan-2022', ['17:9 warning year-jump 主动公开“行政强制”处理决定数量：2022 年度 0，2021 年度 42，本年为 0']],
    // 0 → 54 (true); the 现行有效件数 break 698 + 77 − 132 ≠ 470 is the existing continuity warning
    // (true: the text says the library was 清理 that year, which its hint allows for).
    [
      'pingtan-2022',
      'pingtan-2023',
      [
        '12:47 warning in-force-continuity 主动公开“行政规范性文件”现行有效件数 470，但上年 698 + 本年制发 77 − 本年废止 132 = 643',
        '15:9 warning year-jump 主动公开“行政强制”处理决定数量：2023 年度 54，2022 年度 0，上年为 0',
      ],
    ],
    // 复议后起诉 2 → 19 is ×9.5 with the larger under 20 (ignored); 新收 81 → 218 is ×2.7.
    ['pingtan-2023', 'pingtan-2024', ['14:46 warning in-force-continuity 主动公开“行政规范性文件”现行有效件数 440，但上年 470 + 本年制发 62 − 本年废止 33 = 499']],
    // 行政复议 7 → 36 (true: ×5.1, and the text says 行政复议36起); 复议后起诉 19 → 3 ignored (under 20).
    [
      'pingtan-2024',
      'pingtan-2025',
      [
        '13:46 warning in-force-continuity 主动公开“行政规范性文件”现行有效件数 546，但上年 440 + 本年制发 58 − 本年废止 45 = 453',
        '55:52 warning year-jump 复议诉讼“行政复议”总计：2025 年度 36，2024 年度 7，是上年的 5.1 倍',
      ],
    ],
    // 行政许可 550 → 9487 (true: ×17); 予以公开 0 → 50 (true: 2023 released nothing in full out of
    // 21, 2024 50 out of 95). Text: parts 一 46 %, 五 38 %, under the line (judged: about half of
    // part 一 and two of the three measures of part 五 are 2023's, the rest rewritten).
    [
      'hongze-2023',
      'hongze-2024',
      [
        '13:9 warning year-jump 主动公开“行政许可”处理决定数量：2024 年度 9487，2023 年度 550，是上年的 17.2 倍',
        '24:71 warning year-jump 依申请公开“予以公开”总计：2024 年度 50，2023 年度 0，上年为 0',
      ],
    ],
  ] as const)('%s → %s', (last, name, expected) => {
    expect(added(name, reportOf(last))).toEqual(expected);
  });

  it('the measured share of every part (parts 二–四 are tables only in these reports)', () => {
    const shares = (last: string, name: string) => {
      const { parts, whole } = reusedShares(reportOf(name), reportOf(last));
      return { whole: whole.percent, parts: Object.fromEntries([...parts].map(([n, s]) => [n, `${s.percent}% of ${s.total}`])) };
    };
    expect(shares('pingtan-2019', 'pingtan-2020')).toEqual({ whole: 11, parts: { 1: '11% of 3523', 5: '5% of 298', 6: '0% of 10' } });
    expect(shares('pingtan-2020', 'pingtan-2021')).toEqual({ whole: 5, parts: { 1: '7% of 1364', 5: '0% of 265', 6: '0% of 12' } });
    expect(shares('pingtan-2021', 'pingtan-2022')).toEqual({ whole: 2, parts: { 1: '2% of 1793', 5: '5% of 311', 6: '0% of 12' } });
    expect(shares('pingtan-2022', 'pingtan-2023')).toEqual({ whole: 17, parts: { 1: '19% of 1243', 5: '11% of 312', 6: '0% of 12' } });
    expect(shares('pingtan-2023', 'pingtan-2024')).toEqual({ whole: 3, parts: { 1: '3% of 982', 5: '0% of 263', 6: '0% of 12' } });
    expect(shares('pingtan-2024', 'pingtan-2025')).toEqual({ whole: 8, parts: { 1: '11% of 864', 5: '0% of 210', 6: '0% of 12' } });
    // 洪泽 part 六 is 2023's sentence word for word, but 41 characters: a formula, not judged.
    expect(shares('hongze-2023', 'hongze-2024')).toEqual({ whole: 46, parts: { 1: '46% of 652', 5: '38% of 336', 6: '100% of 41' } });
  });

  it('the CLI shows them: nianbao check hongze-2024.md --previous hongze-2023.md', () => {
    const run = nianbao(['check', `${DIR}/hongze-2024.md`, '--previous', `${DIR}/hongze-2023.md`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `${DIR}/hongze-2024.md:13:9 警告 year-jump 主动公开“行政许可”处理决定数量：2024 年度 9487，2023 年度 550，是上年的 17.2 倍\n` +
        '  提示：请核对是否多写、少写了一位或漏填；数字属实的，宜在正文中说明变化的原因\n',
    );
  });
});

describe('text-reused: real text copied, and real text rewritten', () => {
  it('a copied sentence with its year and numbers changed is the same text', () => {
    expect(normalizeForReuse('2023年，我区在政府网站平台主动公开政府信息1136条。')).toBe(
      normalizeForReuse('2024年， 我区在政府网站平台主动公开政府信息 2,428 条'),
    );
    expect(normalizeForReuse('二〇二三年，本镇（街道）收到申请１２件')).toBe('0年本镇街道收到申请0件');
  });

  it('last year’s part 五 kept as this year’s: warned at that part’s heading, with the whole share', () => {
    // 平潭 2021 with its part 五 replaced by 2020's (a real text of 265 characters).
    const last = sourceOf('pingtan-2020');
    const text = withPart(sourceOf('pingtan-2021'), '存在的主要问题及改进情况', partBody(last, '存在的主要问题及改进情况'));
    const line = text.split('\n').indexOf('# 存在的主要问题及改进情况') + 1;
    expect(added('pingtan-2021', reportOf('pingtan-2020'), text).filter((d) => d.includes('text-reused'))).toEqual([
      `${line}:3 warning text-reused 第五部分“存在的主要问题及改进情况”有 100% 的文字与上一年度（2020 年度）报告相同（全文 23%）`,
    ]);
  });

  it('part 一 copied with the year and the counts updated: the part and the whole report are warned', () => {
    // 洪泽 2024 whose part 一 is 2023's with 2023 → 2024 and 1136 → 2428, 21 → 17 (what a hurried
    // clerk does); its part 五, 38 % reused, stays under the line.
    const copied = partBody(sourceOf('hongze-2023'), '总体情况').replaceAll('2023年', '2024年').replace('1136条', '2428条').replace('21件', '17件');
    const text = withPart(sourceOf('hongze-2024'), '总体情况', copied);
    const line = text.split('\n').indexOf('# 总体情况') + 1;
    expect(added('hongze-2024', reportOf('hongze-2023'), text).filter((d) => d.includes('text-reused'))).toEqual([
      `${line}:3 warning text-reused 全文有 78% 的文字与上一年度（2023 年度）报告相同`,
      `${line}:3 warning text-reused 第一部分“总体情况”有 100% 的文字与上一年度（2023 年度）报告相同（全文 78%）`,
    ]);
  });

  it('a part rewritten that keeps the stock phrases stays far under the line', () => {
    // 平潭 2023 part 一 keeps “坚持以习近平新时代中国特色社会主义思想为指导”, “国务院办公厅、省政府
    // 办公厅关于政务公开工作有关要求”, “一是做好规范性文件公开” …: 19 %.
    const { parts } = reusedShares(reportOf('pingtan-2023'), reportOf('pingtan-2022'));
    expect(parts.get(1)?.percent).toBe(19);
    expect(added('pingtan-2023', reportOf('pingtan-2022')).filter((d) => d.includes('text-reused'))).toEqual([]);
  });

  it('a whole narrative under 100 characters is not judged, even copied word for word', () => {
    const lastYear = yearBefore(edit('年度: 2021', '年度: 2020'));
    expect(lines(VALID, checkSource('2020.md', lastYear).report).filter((l) => l.includes('text-reused'))).toEqual([]);
  });
});

describe('year-jump: the cell, both numbers and both years; small numbers ignored', () => {
  const REVIEW = '行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 2 }';
  const jumps = (before: number, now: number) => {
    const last = checkSource('2020.md', yearBefore(edit('年度: 2021', '年度: 2020').replace(REVIEW, `行政复议: { 结果维持: ${before}, 总计: ${before} }`))).report;
    return lines(edit(REVIEW, `行政复议: { 结果维持: ${now}, 总计: ${now} }`), last).filter((l) => l.includes('year-jump'));
  };

  it('3 → 16 is ordinary for a small office; 4 → 20 is a jump, at the 总计 cell', () => {
    expect(jumps(3, 16)).toEqual([]);
    expect(jumps(4, 20)).toEqual(['r.md:32:25 警告 year-jump 复议诉讼“行政复议”总计：2021 年度 20，2020 年度 4，是上年的 5 倍']);
    expect(jumps(60, 11)).toEqual(['r.md:32:25 警告 year-jump 复议诉讼“行政复议”总计：2021 年度 11，2020 年度 60，只有上年的 1/5.5']);
  });

  it('0 against 10 or more is a jump either way; 0 against 9 is not', () => {
    expect(jumps(0, 12)).toEqual(['r.md:32:25 警告 year-jump 复议诉讼“行政复议”总计：2021 年度 12，2020 年度 0，上年为 0']);
    expect(jumps(12, 0)).toEqual(['r.md:32:24 警告 year-jump 复议诉讼“行政复议”总计：2021 年度 0，2020 年度 12，本年为 0']);
    expect(jumps(0, 9)).toEqual([]);
  });

  it('the rule on its own', () => {
    const cases: [number, number, boolean][] = [
      [3, 16, false], [2, 19, false], [19, 3, false], [12, 1, false], [0, 9, false], [8, 2, false],
      [4, 20, true], [7, 36, true], [0, 10, true], [42, 0, true], [100, 500, true], [100, 499, false], [550, 9487, true],
    ];
    expect(cases.map(([before, now]) => isJump(before, now))).toEqual(cases.map(([, , jump]) => jump));
  });
});
