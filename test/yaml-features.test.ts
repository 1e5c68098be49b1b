/**
 * Inputs found by fuzzing the model and check by hand (YAML aliases, merge keys, tags, odd keys,
 * huge values): each now gets a positioned diagnostic in Chinese instead of a wrong one, a
 * silent misreading or a build that never ends.
 */
import { describe, expect, it } from 'vitest';
import { unexpectedError } from '../src/diagnostics/internal.js';
import { edit, lines, VALID } from './support/check.js';
import { nianbao, scratch } from './support/cli.js';
import { checkSource } from '../src/pipeline.js';

/** Nine levels of ten aliases each: 10⁹ leaves if anything expanded it. */
const BOMB = ['炸弹0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `炸弹${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');
const withBomb = (from: string, to: string) => edit(from, to, edit('年度: 2021', `年度: 2021\n${BOMB}`));
const notBomb = (line: string) => !/没有“炸弹\d”这一项/.test(line);

describe('YAML aliases, merge keys and tags in the front matter', () => {
  it('an alias bomb (billion laughs) used as a cell is one diagnostic, not a hang', () => {
    expect(lines(withBomb('行政处罚: 3', '行政处罚: *a8')).filter(notBomb)).toEqual([
      'r.md:11:10 错误 row-length “主动公开”的“行政处罚”行列了 10 个值，应当是 1 个：本年处理决定数量',
    ]);
  });

  it('an alias bomb used as 抄送 is said once, not once per alias', () => {
    expect(lines(withBomb('抄送: [本镇书记, 镇长]', '抄送: *a8')).filter(notBomb)).toEqual([
      'r.md:10:10 错误 wrong-type “抄送”的一项应当是一段文字，这里是一个列表',
    ]);
  });

  it('an alias bomb in build ends with exit 1 and its diagnostic', () => {
    const dir = scratch({ 'r.md': withBomb('行政处罚: 3', '行政处罚: *a8') });
    const run = nianbao(['build', 'r.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('r.md:11:10 错误 row-length “主动公开”的“行政处罚”行列了 10 个值，应当是 1 个：本年处理决定数量');
  });

  it('an alias to a scalar reads as the value it stands for (it was wrong-type 无法识别的值)', () => {
    const text = edit('机关: 临夏市南龙镇人民政府\n版头', '机关: &ag 临夏市南龙镇人民政府\n署名: *ag\n版头');
    const checked = checkSource('r.md', text);
    expect(checked.diagnostics).toEqual([]);
    expect(checked.report?.signature).toBe('临夏市南龙镇人民政府');
  });

  it('a cell given by an alias is read, and a mistake in it points at the alias', () => {
    expect(lines(edit('行政强制: 0', '行政强制: *n', edit('行政处罚: 3', '行政处罚: &n 3')))).toEqual([]);
    expect(lines(edit('行政强制: 0', '行政强制: *n', edit('行政处罚: 3', '行政处罚: &n 3件')))).toEqual([
      'r.md:17:12 错误 unit-in-number “行政处罚”“3件”里写了单位“件”',
      'r.md:18:9 错误 unit-in-number “行政强制”“3件”里写了单位“件”',
    ]);
  });

  it('an alias with no anchor (*nope) is a yaml-syntax error, not wrong-type 无法识别的值', () => {
    expect(lines(edit('行政处罚: 3', '行政处罚: *nope'))).toEqual(['r.md:17:9 错误 yaml-syntax 别名“*nope”前面没有对应的锚点“&nope”']);
  });

  it('an alias that contains itself (&s [a, *s]) ends with one diagnostic', () => {
    expect(lines(edit('抄送: [本镇书记, 镇长]', '抄送: &s [本镇书记, *s]'))).toEqual([
      'r.md:10:10 错误 wrong-type “抄送”的一项应当是一段文字，这里是一个列表',
    ]);
  });

  it('a merge key (<<) is one yaml-unsupported error, not unknown-key “<<” plus missing-key', () => {
    const text = edit('  发文机关标志: 临夏市南龙镇政府文件\n', '  <<: {x: 1}\n  发文机关标志: 临夏市南龙镇政府文件\n');
    expect(lines(text)).toEqual(['r.md:5:3 错误 yaml-unsupported YAML 合并键“<<”不能用在年报源文件里']);
    const row = edit('部分公开: { 自然人: 1 }', '部分公开: { <<: *r }', edit('上年结转: { 自然人: 1 }', '上年结转: &r { 自然人: 1 }'));
    expect(lines(row)).toEqual(['r.md:24:11 错误 yaml-unsupported YAML 合并键“<<”不能用在年报源文件里']);
  });

  it('an unknown tag (!foo 3) warns that it was ignored (it was silent)', () => {
    expect(lines(edit('行政处罚: 3', '行政处罚: !foo 3'))).toEqual(['r.md:17:9 警告 yaml-unsupported YAML 标签“!foo”无法识别，已忽略，按普通文字读取']);
  });

  it('a !!binary cell is named as binary data (it said 一组键值)', () => {
    expect(lines(edit('行政处罚: 3', '行政处罚: !!binary aGVsbG8='))).toEqual([
      'r.md:17:18 错误 not-a-number “行政处罚”应当是数字，这里是二进制数据（!!binary）',
    ]);
  });

  it('a !!timestamp 成文日期 is read as the date it is (it was bad-date)', () => {
    const checked = checkSource('r.md', edit('成文日期: 2022年1月21日', '成文日期: !!timestamp 2022-01-21'));
    expect(checked.diagnostics).toEqual([]);
    expect(checked.report?.date).toMatchObject({ year: 2022, month: 1, day: 21 });
  });
});

describe('other shapes the fuzz found', () => {
  it('a flow mapping as a key ({a: 1}: 3) is explained, not YAML 语法错误（IMPOSSIBLE）', () => {
    expect(lines(edit('  行政处罚: 3', '  {a: 1}: 3'))).toEqual(['r.md:17:3 错误 yaml-syntax 这一行无法读作“键: 值”']);
  });

  it('a list as 年度 and a mapping as 成文日期 are named (they were quoted as “”)', () => {
    expect(lines(edit('年度: 2021', '年度: [2021]'))[0]).toBe('r.md:2:5 错误 bad-year 年度应当是 2008 年以后的四位年份，这里是一个列表');
    expect(lines(edit('成文日期: 2022年1月21日', '成文日期: {y: 1}'))).toEqual(['r.md:8:7 错误 bad-date “成文日期”应当是日期，这里是一组键值']);
  });

  it('NUL in a key and in a value is shown as \\u0000', () => {
    expect(lines(edit('行政处罚: 3', '行政处罚: 3\u0000'))).toEqual(['r.md:17:9 错误 not-a-number “行政处罚”应当是数字，这里写的是“3\\u0000”']);
    expect(lines(edit('主送机关:', '主送\u0000机关:'))[0]).toBe('r.md:7:1 错误 unknown-key 前置数据没有“主送\\u0000机关”这一项');
  });

  it('a lone surrogate in the file (bytes ED A0 80) is an encoding error (it was read as U+FFFD)', () => {
    const [before, after] = VALID.split('市政府信息中心') as [string, string];
    const bytes = Buffer.concat([Buffer.from(`${before}市政府`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(`信息中心${after}`)]);
    expect(checkSource('r.md', bytes).diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.code}`)).toEqual(['7:10 encoding']);
  });

  it('a 200,000-character 主送机关 is text-too-long (its build ran past a minute)', () => {
    const dir = scratch({ 'r.md': edit('市政府信息中心', '长'.repeat(200_000)) });
    const run = nianbao(['build', 'r.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('r.md:7:7 错误 text-too-long “主送机关”有 200000 个字符，超过了 200 个字符的上限');
  });

  it('a 抄送 item of 201 characters and a 抄送 of 101 items are text-too-long', () => {
    expect(lines(edit('抄送: [本镇书记, 镇长]', `抄送: [本镇书记, ${'长'.repeat(201)}]`))).toEqual([
      'r.md:10:14 错误 text-too-long “抄送”的一项有 201 个字符，超过了 200 个字符的上限',
    ]);
    expect(lines(edit('抄送: [本镇书记, 镇长]', `抄送: [${Array(101).fill('镇长').join(', ')}]`))).toEqual([
      'r.md:10:7 错误 text-too-long “抄送”有 101 项，超过了 100 项的上限',
    ]);
  });
});

describe('内部错误 only for nianbao’s own bugs', () => {
  it('an unforeseen error says 内部错误 and asks for a report', () => {
    expect(unexpectedError(new TypeError('x is undefined'))).toEqual({
      message: '内部错误：x is undefined',
      hint: '这是 nianbao 的缺陷，请把上面的信息和源文件报告给开发者（设置 NIANBAO_DEBUG=1 可显示调用栈）',
    });
  });

  it('an operating-system refusal is a file problem, not 内部错误', () => {
    const error = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: '/x/r.pdf' });
    expect(unexpectedError(error)).toEqual({ message: '文件操作失败：“/x/r.pdf”（EACCES）', hint: '检查文件路径、权限和磁盘空间' });
  });
});
