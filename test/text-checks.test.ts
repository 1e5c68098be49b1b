/**
 * Issue 12, item 6, the checks that need no previous report: all-done-but-carried, repeated-word,
 * published-late (and published-before-written). Each on real sentences of the published corpus
 * (test/fixtures/published/) with a true and a near-miss case, and on minimal edits of valid.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allDoneClaims } from '../src/check/all-done.js';
import { findRepeats } from '../src/check/repeated-word.js';
import { checkSource } from '../src/pipeline.js';
import { edit, VALID } from './support/check.js';

const published = (name: string) => readFileSync(`test/fixtures/published/${name}.md`, 'utf8');
/** `line:col 级别 code 说明` of the diagnostics with `code`. */
const found = (text: string, code: string, file = 'r.md') =>
  checkSource(file, text)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => `${d.position.line}:${d.position.column} ${d.severity} ${d.message}`);
/** 1-based line and column of the `nth` (1-based) occurrence of `needle` in `text`. */
const at = (text: string, needle: string, nth = 1) => {
  let index = -1;
  for (let n = 0; n < nth; n++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, index);
  return `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`;
};

describe('all-done-but-carried: the text says all were finished while 结转下年度继续办理 > 0', () => {
  // valid.md: 本年新收 7, 上年结转 1, （七）总计 7, 结转下年度继续办理 1.
  const say = (sentence: string) => edit('2021年，本镇收到政府信息公开申请7件，均已按时答复。', sentence);

  it('a real sentence that names the carried ones claims nothing; without its parenthesis it does', () => {
    const huaian = published('huaian-2024');
    const real = '2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），均在法定期限内予以答复。';
    expect(huaian).toContain(real);
    expect(found(huaian, 'all-done-but-carried')).toEqual([]);
    const shortened = huaian.replace(real, '2024年，全市共受理政府信息公开申请3119件，均在法定期限内予以答复。');
    expect(found(shortened, 'all-done-but-carried')).toEqual([
      `${at(shortened, '均在法定期限内予以答复')} warning 正文说 3119 件申请“均在法定期限内予以答复”，但依申请公开表办结的（（七）总计）只有 3050 件，103 件结转下年度继续办理`,
    ]);
    expect(found(published('shanghai-bgt-2019'), 'all-done-but-carried')).toEqual([]);
  });

  it('上海市科委 2024: “所有申请均已按要求办理完成” after counting 34 new and 2 carried, with 1 carried on', () => {
    const kewei = published('shanghai-kewei-2024');
    const real = '全年收到政府信息公开申请34件，上年结转政府信息公开申请2件，所有申请均已按要求办理完成。';
    expect(kewei).toContain(real);
    // 所有 is the whole (36), whatever was counted before it; 上年结转 is not the carried-on ones; 按要求 is no aim.
    expect(found(kewei, 'all-done-but-carried')).toEqual([
      `${at(kewei, '均已按要求办理完成')} warning 正文说“均已按要求办理完成”，但依申请公开表“四、结转下年度继续办理”总计为 1：还有 1 件没有办完`,
    ]);
    // Near misses: the carried one named in the sentence; the claim limited to last year's ones.
    expect(found(kewei.replace(real, '全年收到政府信息公开申请34件，上年结转政府信息公开申请2件，除1件结转下年度外均已按要求办理完成。'), 'all-done-but-carried')).toEqual([]);
    expect(found(kewei.replace(real, '全年收到政府信息公开申请34件，上年结转的2件申请均已按要求办理完成。'), 'all-done-but-carried')).toEqual([]);
  });

  it('the corpus’s own claims (hongze, pingtan-2022) are found as claims; their reports carry 0', () => {
    expect(allDoneClaims('2023年全区受理政府信息公开申请21件，均在法定期限答复。')).toEqual([{ text: '均在法定期限答复', index: 21, count: 21 }]);
    expect(allDoneClaims('2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。').map((c) => [c.text, c.count])).toEqual([['均在法定期限内予以答复', 75]]);
    for (const name of ['hongze-2023', 'hongze-2024', 'pingtan-2022']) expect(found(published(name), 'all-done-but-carried')).toEqual([]);
  });

  it('claims with no count of their own, against 结转 1', () => {
    for (const [sentence, claim] of [
      ['全年收到的政府信息公开申请均已办结。', '均已办结'],
      ['本镇依申请公开按期答复率100%。', '按期答复率100%'],
      ['全年无结转下年度继续办理的申请。', '无结转下年度继续办理'],
      ['全年受理政府信息公开申请。已全部按时办结。', '全部按时办结'],
    ] as const) {
      const text = say(sentence);
      expect(found(text, 'all-done-but-carried')).toEqual([
        `${at(text, claim)} warning 正文说“${claim}”，但依申请公开表“四、结转下年度继续办理”总计为 1：还有 1 件没有办完`,
      ]);
    }
  });

  it('a counted claim: 7 件 all answered is what the table says (7 finished, last year’s one open); 8 件 is not', () => {
    expect(found(VALID, 'all-done-but-carried')).toEqual([]);
    const eight = say('2021年，本镇受理政府信息公开申请8件，均已在法定期限内予以答复。');
    expect(found(eight, 'all-done-but-carried')).toEqual([
      `${at(eight, '均已在法定期限内予以答复')} warning 正文说 8 件申请“均已在法定期限内予以答复”，但依申请公开表办结的（（七）总计）只有 7 件，1 件结转下年度继续办理`,
    ]);
  });

  it('near misses: a subset, last year’s carried ones, another kind of case, a denial, an aim, a condition', () => {
    for (const sentence of [
      '上年结转的申请均已办结。',
      '其中予以公开的4件均已按时办结。',
      '确保依申请公开件均在法定期限内办结。',
      '收到政府信息公开申请，未能全部按期办结。',
      '力争所有申请均按时答复。',
      '因政府信息公开申请引发的行政复议2件均已办结。',
      '本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。', // pingtan-2021
      '2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。', // pingtan-2022
      '组织开展19期《问政平潭之有事你说》，上线部门22家，收到群众诉求348件，现场解决162件，跟进解决186件，办结率100%。', // pingtan-2020
      '实行非工作时间办事诉求精准派件、逾期预警、跟踪督办，全部事项均可在30分钟内办结。', // pingtan-2020
      '截至目前我区政府网站共收到网友留言11条，已100%及时整改并按时办结回复。', // 平潭 2018 (page.txt)
    ]) {
      expect([sentence, found(say(sentence), 'all-done-but-carried')]).toEqual([sentence, []]);
    }
  });
});

describe('repeated-word: a word of two or more characters typed twice in a row', () => {
  it('the two on the corpus, at the second copy', () => {
    const pingtan2019 = published('pingtan-2019');
    expect(found(pingtan2019, 'repeated-word')).toEqual([
      `${at(pingtan2019, '聚焦新中国成立 70 周年平潭专场新闻发布会', 2)} warning “聚焦新中国成立 70 周年平潭专…”连着写了两遍`,
    ]);
    const pingtan2021 = published('pingtan-2021');
    expect(found(pingtan2021, 'repeated-word')).toEqual([`${at(pingtan2021, '审核发布机制')} warning “审核”连着写了两遍`]);
    const hint = checkSource('r.md', pingtan2021).diagnostics.find((d) => d.code === 'repeated-word')?.hint;
    expect(hint).toBe('删去其中一个“审核”；确是有意重复的，可以忽略本警告');
  });

  it('in the narrative and in a metadata text, plain or quoted', () => {
    const narrative = edit('本年度主动公开政府信息2610条。', '本年度主动公开政府信息资金资金2610条。');
    expect(found(narrative, 'repeated-word')).toEqual([`${at(narrative, '资金2610')} warning “资金”连着写了两遍`]);
    const plain = edit('主送机关: 市政府信息中心', '主送机关: 市政府信息中心信息中心');
    expect(found(plain, 'repeated-word')).toEqual(['7:14 warning “主送机关”里“信息中心”连着写了两遍']);
    const quoted = edit('主送机关: 市政府信息中心', '主送机关: "市政府信息中心信息中心"');
    expect(found(quoted, 'repeated-word')).toEqual(['7:15 warning “主送机关”里“信息中心”连着写了两遍']);
    const header = edit('发文机关标志: 临夏市南龙镇政府文件', '发文机关标志: 临夏市南龙镇政府政府文件');
    expect(found(header, 'repeated-word')).toEqual(['5:19 warning “版头.发文机关标志”里“政府”连着写了两遍']);
  });

  it('near misses: reduplication, numbers, quotes and lists, a table’s header cells', () => {
    for (const text of [
      '要研究研究这个问题，讨论讨论再定',
      '一步一步推进，一件一件落实',
      '天天更新、层层落实、人人参与、年年考核、事事公开、处处留痕，一一对应',
      '做到明明白白、清清楚楚、方方面面',
      '二〇二〇年，2021年2021条，编号1010',
      '“公开”“公开”两个栏目',
      '公开、公开、再公开',
      '结果 结果 其他',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正',
    ]) {
      expect([text, findRepeats(text)]).toEqual([text, []]);
    }
    // The seeds and the rest of the corpus hold no other repeat (checked when the list was made).
    for (const name of ['hongze-2023', 'hongze-2024', 'huaian-2024', 'pingtan-2020', 'pingtan-2022', 'pingtan-2023', 'pingtan-2024', 'pingtan-2025', 'shanghai-bgt-2019']) {
      expect([name, found(published(name), 'repeated-word')]).toEqual([name, []]);
    }
  });

  it('a copy typed three times is one warning; a doubled phrase is reported where its second copy starts', () => {
    expect(findRepeats('政务公开公开公开工作')).toEqual([{ unit: '公开', index: 4 }]);
    expect(findRepeats('一步一步一个脚印，一件一件抓落实')).toEqual([]);
    expect(findRepeats('召开新闻发布会召开新闻发布会，')).toEqual([{ unit: '召开新闻发布会', index: 7 }]);
  });
});

describe('published-late: 发布日期 after the deadline of who reports', () => {
  // valid.md: 临夏市南龙镇人民政府, a township: 1月31日; 成文日期 2022年1月21日.
  const publishedOn = (date: string, text = VALID) => text.replace('成文日期: 2022年1月21日\n', `成文日期: 2022年1月21日\n发布日期: ${date}\n`);

  it('a township’s report published on 2月21日 is late; on 1月28日 it is not', () => {
    expect(found(publishedOn('2022年2月21日'), 'published-late')).toEqual([
      '9:7 warning 发布日期 2022年2月21日 晚于 2022年1月31日（乡镇人民政府、街道办事处按各地规定，多为每年 1月31日前公布）',
    ]);
    expect(checkSource('r.md', publishedOn('2022年2月21日')).diagnostics.find((d) => d.code === 'published-late')?.hint).toBe(
      '核对发布日期（照网页上的发布时间）；确已逾期公布的，可在报告中说明原因（报告主体由“机关”名称判断为乡镇街道；不对时写“报告主体: …”）',
    );
    expect(checkSource('r.md', publishedOn('2022-01-28')).diagnostics).toEqual([]);
  });

  it('the real web pages: a government’s report of 3月8日 is on time; the same as a 部门’s would be late', () => {
    const pingtan = published('pingtan-2023');
    expect(pingtan).toContain('发布日期: 2024-03-08');
    expect(found(pingtan, 'published-late')).toEqual([]);
    const department = pingtan.replace('机关: 平潭综合实验区管委会\n', '机关: 平潭综合实验区管委会\n报告主体: 部门\n');
    expect(found(department, 'published-late')).toEqual([
      // the value of 发布日期 (line 10 once 报告主体 is added), not the 发布时间 in the source comment
      `${at(department, '发布日期: 2024-03-08').replace(/:1$/, ':7')} warning 发布日期 2024年3月8日 晚于 2024年1月31日（条例第四十九条：县级以上人民政府部门在每年 1月31日前公布上一年度的年度报告）`,
    ]);
    expect(found(published('shanghai-bgt-2019'), 'published-late')).toEqual([]);
  });

  it('published before the 成文日期 is a warning (published-before-written); a bad date is an error', () => {
    expect(found(publishedOn('2022年1月20日'), 'published-before-written')).toEqual(['9:7 warning 发布日期 2022年1月20日 早于成文日期 2022年1月21日']);
    expect(found(publishedOn('2022年1月21日'), 'published-before-written')).toEqual([]);
    expect(found(publishedOn('2022年2月30日'), 'bad-date')).toEqual(['9:7 error “发布日期”：日期“2022年2月30日”不存在']);
  });
});
