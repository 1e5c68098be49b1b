import { describe, expect, it } from 'vitest';
import { balanceTitle, breakOpportunities } from '../src/layout/title.js';

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
