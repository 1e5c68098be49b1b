/**
 * The narrative's counts against tables 三 and 四 (issue 12, item 4), on the real published reports
 * of test/fixtures/published/: each pattern on a real sentence that matches (the report's own, or
 * its count edited so that it no longer agrees) and on a near-miss (the same words in another
 * clause, a qualified count, a percentage, a 同比 number).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chineseNumber } from '../src/check/narrative-counts.js';
import { checkSource } from '../src/pipeline.js';

const corpus = (name: string) => readFileSync(`test/fixtures/published/${name}.md`, 'utf8');

/** The narrative-contradicts-table warnings of a corpus report, with `from` replaced by `to`. */
function said(name: string, from?: string, to?: string): string[] {
  let text = corpus(name);
  if (from !== undefined && to !== undefined) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return checkSource(`${name}.md`, text)
    .diagnostics.filter((d) => d.code === 'narrative-contradicts-table')
    .map((d) => `${d.position.line}:${d.position.column} ${d.message}`);
}

const messages = (name: string, from: string, to: string) => said(name, from, to).map((line) => line.replace(/^\S+ /, ''));

describe('上海市人民政府办公厅 2019: the two real contradictions and the overstated 均获维持', () => {
  it('258 against 予以公开 + 部分公开 = 275, 265 against 无法提供 = 337, 均获维持 against 5 of 7 and 8 of 9', () => {
    expect(said('shanghai-bgt-2019')).toEqual([
      '82:114 正文写“予以公开及部分公开258件”，但表三“（一）予以公开”与“（二）部分公开”的总计之和为 275（272 + 3）',
      '82:155 正文写“无法提供265件”，但表三“（四）无法提供”各项总计之和为 337',
      '82:207 正文说“均获维持”，但表四“行政复议”结果维持 5、总计 7，“行政诉讼”（未经复议直接起诉 + 复议后起诉）结果维持 8、总计 9',
    ]);
  });

  it('the hint names the narrower cell the text may have meant', () => {
    const file = 'test/fixtures/published/shanghai-bgt-2019.md';
    const hints = checkSource(file, readFileSync(file))
      .diagnostics.filter((d) => d.code === 'narrative-contradicts-table')
      .map((d) => d.hint);
    expect(hints.slice(0, 2)).toEqual([
      '正文的 258 与“予以公开”一行“自然人”一格相同：如果只写了其中一部分，请写明是哪一部分；否则改正正文或核对表三',
      '正文的 265 与“本机关不掌握相关政府信息”一行的总计相同：如果只写了其中一部分，请写明是哪一部分；否则改正正文或核对表三',
    ]);
  });

  it('with the table’s own numbers the same sentence is clean (and 本机关不掌握 is not the qualifier 本机关)', () => {
    const fixed = corpus('shanghai-bgt-2019')
      .replace('予以公开及部分公开258件', '予以公开及部分公开275件')
      .replace('无法提供265件', '无法提供337件')
      .replace('诉讼9件，均获维持', '诉讼9件，已审结的均获维持');
    expect(checkSource('s.md', fixed).diagnostics.filter((d) => d.code === 'narrative-contradicts-table')).toEqual([]);
  });
});

describe('results of table 三, one category at a time', () => {
  // 平潭 2023: “办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；
  // 无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%。” — every count agrees.
  it('平潭 2023: the real sentence agrees with its table; its percentages are not read as counts', () => {
    expect(said('pingtan-2023')).toEqual([]);
  });

  it('予以公开及部分公开: a count that is not 予以公开 + 部分公开', () => {
    expect(messages('pingtan-2023', '予以公开及部分公开42件', '予以公开及部分公开41件')).toEqual([
      '正文写“予以公开及部分公开41件”，但表三“（一）予以公开”与“（二）部分公开”的总计之和为 42（22 + 20）',
    ]);
    // near-miss: the share in its clause, the count in another clause (not the same clause: not read)
    expect(said('pingtan-2023', '予以公开及部分公开42件，占51.85%', '予以公开及部分公开占51.85%，共41件')).toEqual([]);
  });

  it('予以公开 and 部分公开 each on its own', () => {
    expect(said('pingtan-2023', '予以公开及部分公开42件', '予以公开22件，部分公开20件')).toEqual([]);
    expect(said('pingtan-2023', '予以公开及部分公开42件', '全部公开22件，部分公开20件')).toEqual([]);
    expect(messages('pingtan-2023', '予以公开及部分公开42件', '全部公开二十件')).toEqual(['正文写“全部公开二十件”，但表三“（一）予以公开”总计为 22']);
    // near-miss: 一件事 is not a count
    expect(said('pingtan-2023', '予以公开及部分公开42件', '予以公开办成一件事')).toEqual([]);
    expect(messages('pingtan-2023', '予以公开及部分公开42件', '予以公开20件，部分公开22件')).toEqual([
      '正文写“予以公开20件”，但表三“（一）予以公开”总计为 22',
      '正文写“部分公开22件”，但表三“（二）部分公开”总计为 20',
    ]);
    // near-miss: a 同比 change in the clause
    expect(said('pingtan-2023', '予以公开及部分公开42件', '予以公开同比增加20件')).toEqual([]);
  });

  it('不予公开: the group’s sum (上海: 14 + 5 + 4 + 12 = 35 agrees; 平潭 5 edited to 6)', () => {
    expect(messages('pingtan-2023', '不予公开5件', '不予公开6件')).toEqual(['正文写“不予公开6件”，但表三“（三）不予公开”各项总计之和为 5']);
    // near-miss: the real “不予公开依据等更加规范” of 洪泽 2024 has no count; a percentage is no count
    expect(said('hongze-2024')).toEqual([]);
    expect(said('pingtan-2023', '不予公开5件，占6.17%', '不予公开的占6.17%')).toEqual([]);
  });

  it('无法提供: 平潭 31 edited; near-miss: an approximate count', () => {
    expect(messages('pingtan-2023', '无法提供31件', '无法提供30件')).toEqual(['正文写“无法提供30件”，但表三“（四）无法提供”各项总计之和为 31']);
    expect(said('pingtan-2023', '无法提供31件', '无法提供近30件')).toEqual([]);
  });

  it('不予处理 and 其他处理, in Chinese numerals and with 项/条', () => {
    expect(said('pingtan-2023', '不予处理1件', '不予处理一件')).toEqual([]);
    expect(messages('pingtan-2023', '不予处理1件', '不予处理两件')).toEqual(['正文写“不予处理两件”，但表三“（五）不予处理”各项总计之和为 1']);
    expect(messages('pingtan-2023', '其他处理2件', '其他处理二十三项')).toEqual(['正文写“其他处理二十三项”，但表三“（六）其他处理”各项总计之和为 2']);
    expect(said('pingtan-2023', '其他处理2件', '其他处理2条')).toEqual([]);
    // 上海 2019: （六）其他处理 is one row in the 2019 layout, printed blank: “其他处理0件” agrees
    expect(messages('shanghai-bgt-2019', '其他处理0件', '其他处理一百零五件')).toContain('正文写“其他处理一百零五件”，但表三“（六）其他处理”总计为 0');
  });
});

describe('办结, 上年结转 and 结转下年度', () => {
  // 平潭 2021: “本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。”
  it('平潭 2021: 69 and 1 each in its own clause agree; 69 is not taken for 结转', () => {
    expect(said('pingtan-2021')).toEqual([]);
    expect(messages('pingtan-2021', '1件结转下年度继续办理', '2件结转下年度继续办理')).toEqual([
      '正文写“2件结转下年度继续办理”，但表三“四、结转下年度继续办理”总计为 1',
    ]);
    expect(messages('pingtan-2021', '办结69件', '办结七十件')).toEqual(['正文写“办结七十件”，但表三“（七）总计”为 69']);
    // near-miss: 结转 with no number in its clause does not reach back to 办结69件
    expect(said('pingtan-2021', '1件结转下年度继续办理', '结转下年度继续办理')).toEqual([]);
  });

  it('平潭 2025: “结转至2026年6件” reads 6, not 2026', () => {
    expect(said('pingtan-2025')).toEqual([]);
    expect(messages('pingtan-2025', '结转至2026年6件', '结转至2026年7件')).toEqual(['正文写“结转至2026年7件”，但表三“四、结转下年度继续办理”总计为 6']);
  });

  // 淮安 2024: “答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）”
  it('淮安 2024: 答复, 上年度结转 and 顺延到下年度 agree; each edited disagrees', () => {
    expect(said('huaian-2024')).toEqual([]);
    expect(messages('huaian-2024', '上年度结转申请34件', '上年度结转申请35件')).toEqual([
      '正文写“上年度结转申请35件”，但表三“二、上年结转政府信息公开申请数量”总计为 34',
    ]);
    expect(messages('huaian-2024', '另有103件顺延到下年度答复', '另有130件顺延到下年度答复')).toEqual([
      '正文写“130件顺延到下年度”，但表三“四、结转下年度继续办理”总计为 103',
    ]);
    expect(messages('huaian-2024', '答复3050件', '答复3005件')).toEqual(['正文写“答复3005件”，但表三“（七）总计”为 3050']);
  });

  it('near-miss: 按期/逾期/当场 办结 or 答复 is a part of the applications, not compared', () => {
    expect(said('pingtan-2025', '共办结148件', '按期办结147件')).toEqual([]);
    expect(said('pingtan-2025', '共办结148件', '共办结148件，逾期答复1件')).toEqual([]);
    expect(messages('pingtan-2025', '共办结148件', '共答复147件')).toEqual(['正文写“答复147件”，但表三“（七）总计”为 148']);
  });

  it('near-miss: 办结 of something that is not an application (平潭 2020’s 群众诉求) is not compared', () => {
    expect(said('pingtan-2020', '收到群众诉求348件，现场解决162件，跟进解决186件，办结率100%', '收到群众诉求348件，办结340件')).toEqual([]);
  });
});

describe('复议 and 诉讼: counts and outcomes', () => {
  // 淮安 2024: “政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；
  // 政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。”
  it('淮安 2024: the outcomes belong to the case named before them', () => {
    expect(messages('huaian-2024', '结果纠正64件', '结果纠正46件')).toEqual(['正文写“结果纠正46件”，但表四“行政复议”的“结果纠正”为 64']);
    expect(messages('huaian-2024', '结果维持25件', '结果维持52件')).toEqual([
      '正文写“结果维持52件”，但表四“行政诉讼”（未经复议直接起诉 + 复议后起诉）的“结果维持”之和为 25（13 + 12）',
    ]);
    expect(messages('huaian-2024', '行政诉讼46件', '行政诉讼45件')).toEqual([
      '正文写“行政诉讼45件”，但表四“行政诉讼”（未经复议直接起诉 + 复议后起诉）的总计之和为 46（26 + 20）',
    ]);
    expect(messages('huaian-2024', '行政复议351件', '行政复议315件')).toEqual(['正文写“行政复议315件”，但表四“行政复议”总计为 351']);
  });

  it('起 as the unit (平潭 2025: “行政复议36起，行政诉讼9起”)', () => {
    expect(messages('pingtan-2025', '引发的行政复议36起', '引发的行政复议三十七起')).toEqual(['正文写“行政复议三十七起”，但表四“行政复议”总计为 36']);
  });

  it('直接起诉, 复议后起诉 and 复议和诉讼 together', () => {
    expect(said('huaian-2024', '政府信息公开行政诉讼46件，其中', '未经复议直接起诉26件，复议后起诉20件，其中')).toEqual([]);
    expect(messages('huaian-2024', '政府信息公开行政诉讼46件，其中', '未经复议直接起诉26件，复议后起诉21件，其中')).toEqual([
      '正文写“复议后起诉21件”，但表四“行政诉讼”中“复议后起诉”总计为 20',
    ]);
    // 平潭 2023: 行政复议 2 + 行政诉讼 5 + 2
    expect(said('pingtan-2023', '行政复议案件2件、行政诉讼案件7件', '行政复议和行政诉讼案件9件')).toEqual([]);
    expect(messages('pingtan-2023', '行政复议案件2件、行政诉讼案件7件', '行政复议和行政诉讼案件10件')).toEqual([
      '正文写“行政复议和行政诉讼案件10件”，但表四“行政复议”与“行政诉讼”的总计之和为 9（2 + 5 + 2）',
    ]);
  });

  it('near-miss: an outcome after two cases could be of either, so it is not compared', () => {
    expect(said('shanghai-bgt-2019', '诉讼9件，均获维持', '诉讼9件，其中维持12件')).toEqual([
      '82:114 正文写“予以公开及部分公开258件”，但表三“（一）予以公开”与“（二）部分公开”的总计之和为 275（272 + 3）',
      '82:155 正文写“无法提供265件”，但表三“（四）无法提供”各项总计之和为 337',
    ]);
  });

  it('均已结案 against 尚未审结 (平潭 2022 agrees: 0; 上海 2019 has 2 and 1)', () => {
    expect(said('pingtan-2022').filter((line) => line.includes('结案'))).toEqual([]);
    expect(messages('shanghai-bgt-2019', '诉讼9件，均获维持', '诉讼9件，均已结案')).toContain(
      '正文说“均已结案”，但表四“行政复议”尚未审结 2，“行政诉讼”（未经复议直接起诉 + 复议后起诉）尚未审结 1',
    );
    // near-miss: 均已…答复 of applications (洪泽 2024) and a 均获维持 with no case named in its sentence
    expect(said('shanghai-bgt-2019', '诉讼9件，均获维持', '诉讼9件。所办案件均获维持').filter((line) => line.includes('维持'))).toEqual([]);
  });
});

describe('qualified counts are not compared', () => {
  it('a sentence whose subject is narrower than the table (洪泽 2024: 区政府办代表区政府)', () => {
    const real = '区政府办代表区政府受理政府信息公开申请17件，';
    expect(said('hongze-2024', real, `${real}予以公开9件，`)).toEqual([]);
    expect(messages('hongze-2024', real, '全区受理政府信息公开申请95件，予以公开9件，')).toEqual(['正文写“予以公开9件”，但表三“（一）予以公开”总计为 50']);
    // near-miss of the qualifier: 人大代表 is no narrower subject
    expect(messages('hongze-2024', real, '邀请人大代表列席，全区予以公开9件，')).toEqual(['正文写“予以公开9件”，但表三“（一）予以公开”总计为 50']);
  });
});

describe('sentences of the seed reports (/work/shared/seeds/) with the category words: no count in them', () => {
  it('答复 and 纠正/纠错 without a count, 未收到…行政复议 with table 四 all 0 (平潭 2019)', () => {
    const seeds = [
      // seed 001: 答复 after 申请, but no number
      '镇高度重视依申请公开工作,不断完善制度机制,进一步规范了政府信息公开的申请登记、审核、办理、答复、归档环节。',
      // seed 004: 纠正 and 纠错 with a number of 次, after a 复议 count in the same sentence (edited in)
      '全年行政复议0件，对拟公开公示内容进行核查纠正，每季度开展不少于1次自查自纠，对不规范表述进行及时整改纠错，确保信息发布内容准确、导向正确。',
      // seed 003
      '全年未收到公开行政复议、行政诉讼的情况。',
    ].join('\n\n');
    const text = corpus('pingtan-2019').replace('# 其他需要报告的事项', `${seeds}\n\n# 其他需要报告的事项`);
    expect(text).toContain(seeds);
    expect(checkSource('p.md', text).diagnostics.filter((d) => d.code === 'narrative-contradicts-table')).toEqual([]);
    // the same sentence with a count of 纠正 after the 复议 count: compared, and it disagrees
    expect(messages('pingtan-2019', '# 其他需要报告的事项', '全年行政复议0件，结果纠正1件。\n\n# 其他需要报告的事项')).toEqual([
      '正文写“结果纠正1件”，但表四“行政复议”的“结果纠正”为 0',
    ]);
    expect(said('pingtan-2019', '# 其他需要报告的事项', '每季度开展行政复议案件自查不少于1件。\n\n# 其他需要报告的事项')).toEqual([]);
  });
});

describe('Chinese numerals', () => {
  it.each([
    ['二十三', 23],
    ['一百零五', 105],
    ['两', 2],
    ['十五', 15],
    ['三千零二十', 3020],
    ['一万二千', 12000],
    ['零', 0],
  ])('%s is %d', (text, value) => {
    expect(chineseNumber(text)).toBe(value);
  });

  it('digits side by side, or a bare 万, are not a numeral', () => {
    expect(chineseNumber('一二')).toBeUndefined();
    expect(chineseNumber('万')).toBeUndefined();
  });
});

describe('上海市科委 2024: “同意公开答复9件，部分公开答复0件 …” names each category, not 办结/答复 of all', () => {
  it('the real sentence agrees with its table: no 答复 count is compared with （七）总计 35', () => {
    expect(said('shanghai-kewei-2024')).toEqual([]);
  });

  it('同意公开 is 予以公开: an edited count is found at the number', () => {
    expect(messages('shanghai-kewei-2024', '同意公开答复9件', '同意公开答复19件')).toEqual([
      '正文写“同意公开答复19件”，但表三“（一）予以公开”总计为 9',
    ]);
  });
});
