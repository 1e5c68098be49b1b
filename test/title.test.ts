import { describe, expect, it } from 'vitest';
import { balanceTitle, breakOpportunities, emWidth, TITLE_LINE_EM, TITLE_MAX_LINES, titleFitsLines, titleLines } from '../src/text/title.js';

describe('title lines (梯形/菱形, never inside a word or a year)', () => {
  const cases: [string, string[]][] = [
    ['南龙镇2021年政府信息公开工作年度报告', ['南龙镇2021年政府信息公开工作年度报告']],
    ['隆德县城关镇2021年政府信息公开工作年度报告', ['隆德县城关镇2021年', '政府信息公开工作年度报告']],
    ['临夏市南龙镇人民政府2021年政府信息公开工作年度报告', ['临夏市南龙镇人民政府2021年', '政府信息公开工作年度报告']],
    ['中卫市沙坡头区常乐镇人民政府2022年政府信息公开工作年度报告', ['中卫市沙坡头区常乐镇人民政府', '2022年政府信息公开工作年度报告']],
  ];
  for (const [title, lines] of cases) {
    it(title, () => {
      expect(balanceTitle(title, 19)).toEqual(lines);
    });
  }

  it('offers no break inside 政府信息公开, 年度报告, a year or brackets', () => {
    const title = '某某市（某某区）人民政府办公室2024年政府信息公开工作年度报告';
    const points = breakOpportunities(title);
    const at = (text: string) => title.indexOf(text);
    for (const inside of [at('政府信息公开') + 2, at('年度报告') + 2, at('2024') + 2, at('2024年') + 4, at('（某某区）') + 2]) {
      expect(points).not.toContain(inside);
    }
  });

  it('a three-line title is widest in the middle or at the bottom', () => {
    const lines = balanceTitle('中华人民共和国某某省某某市某某县某某乡镇人民政府办公室关于2024年政府信息公开工作的年度报告', 19);
    expect(lines.length).toBe(3);
    expect(lines.join('')).toBe('中华人民共和国某某省某某市某某县某某乡镇人民政府办公室关于2024年政府信息公开工作的年度报告');
    const width = (l: string | undefined) => [...(l ?? '')].length;
    expect(width(lines[0])).toBeLessThanOrEqual(Math.max(width(lines[1]), width(lines[2])));
  });
});

/** The balancer as it was before issue 11: every set of breaks tried in order (exponential). */
function exhaustive(title: string, maxEm: number): string[] {
  const total = emWidth(title);
  if (total <= maxEm) return [title];
  const points = breakOpportunities(title);
  for (let lines = Math.ceil(total / maxEm); lines <= points.length + 1; lines++) {
    let best: { cuts: number[]; score: number } | undefined;
    const search = (from: number, cuts: number[]) => {
      if (cuts.length === lines - 1) {
        const widths = [...cuts, title.length].map((end, i) => emWidth(title.slice(i === 0 ? 0 : cuts[i - 1], end)));
        if (widths.some((w) => w > maxEm)) return;
        const score = Math.max(...widths) - Math.min(...widths) + ((widths[0] ?? 0) > (widths.at(-1) ?? 0) ? 0.25 : 0);
        if (!best || score < best.score) best = { cuts: [...cuts], score };
        return;
      }
      for (let i = from; i < points.length; i++) search(i + 1, [...cuts, points[i] as number]);
    };
    search(0, []);
    const cuts = best?.cuts;
    if (cuts) return [...cuts, title.length].map((end, i) => title.slice(i === 0 ? 0 : cuts[i - 1], end));
  }
  return [title];
}

describe('a long 标题 is balanced in polynomial time (issue 11)', () => {
  it('gives the same lines as trying every set of breaks, for 2 to 4 lines', () => {
    const words = ['中卫市', '沙坡头区', '常乐镇', '人民政府', '办公室', '关于', '2022年', '政府信息公开', '工作', '年度报告', '（某某区）', '《条例》', '的', '自然资源局', '2021年度', '政务公开', '工作报告', 'ABC', '“民生”', '，', '第3届'];
    let seed = 7;
    const pick = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let compared = 0;
    for (let t = 0; t < 1500; t++) {
      const title = Array.from({ length: 3 + pick(12) }, () => words[pick(words.length)]).join('');
      for (const maxEm of [19, 12]) {
        const expected = exhaustive(title, maxEm);
        if (expected.length > TITLE_MAX_LINES || (expected.length === 1 && emWidth(title) > maxEm)) continue;
        expect(balanceTitle(title, maxEm), `${title} (${maxEm} em)`).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it('a 119-character 标题 is broken into lines at once', () => {
    const title = '中卫市沙坡头区常乐镇人民政府'.repeat(8).slice(0, 102) + '2022年政府信息公开工作年度报告';
    expect([...title].length).toBe(119);
    const lines = titleLines(title);
    expect(lines.join('')).toBe(title);
    for (const line of lines) expect(emWidth(line)).toBeLessThanOrEqual(TITLE_LINE_EM);
  });

  it('a 100,000-character 标题 is broken into lines at once, nothing lost', () => {
    const title = '政府信息公开'.repeat(16_667);
    const lines = titleLines(title);
    expect(lines.join('')).toBe(title);
    for (const line of lines) expect(emWidth(line)).toBeLessThanOrEqual(TITLE_LINE_EM);
  });
});

describe('a run in the 标题 wider than a line is broken, never overprinted (issue 11)', () => {
  it('a URL in the 标题 breaks where UAX #14 allows', () => {
    const url = 'https://www.example.gov.cn/zwgk/xxgk/2022/0131/report-annual-information-disclosure.html';
    const lines = titleLines(`${url}政府信息公开工作年度报告`);
    expect(lines).toEqual(['https://www.example.gov.cn/zwgk', '/xxgk/2022/0131/report-annual', '-information-disclosure.html', '政府信息公开工作年度报告']);
  });

  it('an 80-digit number in the 标题 breaks between digits', () => {
    const title = `${'1234567890'.repeat(8)}年政府信息公开工作年度报告`;
    const lines = titleLines(title);
    expect(lines.join('')).toBe(title);
    expect(lines.length).toBe(3);
    for (const line of lines) expect(emWidth(line)).toBeLessThanOrEqual(TITLE_LINE_EM);
  });

  it('a bracketed name wider than a line breaks inside the brackets, not before the closing one', () => {
    const title = `（${'某'.repeat(40)}）政府信息公开工作年度报告`;
    const lines = titleLines(title);
    expect(lines.join('')).toBe(title);
    for (const line of lines) {
      expect(emWidth(line)).toBeLessThanOrEqual(TITLE_LINE_EM);
      expect(line.startsWith('）')).toBe(false);
    }
  });
});

describe('whether a 标题 fits TITLE_MAX_LINES lines, known without its words up to two lines wide', () => {
  it('says what titleLines does, for titles of every width from one line to five', () => {
    const pieces = ['中卫市', '沙坡头区', '人民政府', '办公室', '2022年', '政府信息公开', '工作', '年度报告', '（某某区）', '《条例》', '的', 'https://www.example.gov.cn/zwgk', '1234567890', '，', '某'.repeat(17), '（某某某某某某某某某某某某某某某某某某某某某）', '（某某某某某某某某）'];
    let seed = 11;
    const pick = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let short = 0;
    let fitting = 0;
    for (let t = 0; t < 1200; t++) {
      let title = '';
      const width = 10 + pick(90);
      while (emWidth(title) < width) title += pieces[pick(pieces.length)];
      const fits = emWidth(title) <= TITLE_MAX_LINES * TITLE_LINE_EM && titleLines(title).length <= TITLE_MAX_LINES;
      expect(titleFitsLines(title), title).toBe(fits);
      if (emWidth(title) <= 2 * TITLE_LINE_EM) short++;
      if (fits) fitting++;
    }
    // Both sides of each threshold are tried.
    expect(short).toBeGreaterThan(100);
    expect(fitting).toBeGreaterThan(short + 100);
    expect(fitting).toBeLessThan(1100);
  });

  it('five stretches just over half a line each take five lines, at little more than two lines wide', () => {
    // Nothing breaks inside brackets: each is 10 em, and no two share a 19-em line.
    const title = '（某某某某某某某某）'.repeat(5);
    expect(emWidth(title)).toBeLessThan(3 * TITLE_LINE_EM);
    expect(titleLines(title).length).toBe(5);
    expect(titleFitsLines(title)).toBe(false);
    expect(titleFitsLines('（某某某某某某某某）'.repeat(4))).toBe(true);
  });
});
