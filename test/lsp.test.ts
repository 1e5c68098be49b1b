/**
 * `nianbao lsp` over stdio, driven by a JSON-RPC client (vscode-jsonrpc) as an editor drives it:
 * the diagnostics of every example and published report equal `nianbao check --format json`
 * (with `--previous` where a sibling last-year file is found), ranges cover their token, and
 * completion, hover, inlay hints, code actions and the outline answer with what a clerk would
 * check.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { edit, VALID, yearBefore } from './support/check.js';
import { nianbao, ROOT, scratch } from './support/cli.js';
import { applyEdits, LspClient, positionOf } from './support/lsp.js';

interface CheckJson {
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
  hint: string;
}

/** A published diagnostic in the terms of `nianbao check --format json` (without the file). */
function asCheck(d: Diagnostic): CheckJson {
  const data = d.data as { message: string; hint: string };
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: d.severity === 1 ? 'error' : 'warning',
    code: String(d.code),
    message: data.message,
    hint: data.hint,
  };
}

function checkJson(args: string[], cwd = ROOT): CheckJson[] {
  const run = nianbao(['check', '--format', 'json', ...args], cwd);
  return (JSON.parse(run.stdout) as (CheckJson & { file: string })[]).map(({ file: _file, ...rest }) => rest);
}

/** The text a range covers. */
function textAt(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = d.range;
  return start.line === end.line ? (lines[start.line] ?? '').slice(start.character, end.character) : '';
}

let client: LspClient;
const dir = scratch();
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

beforeAll(async () => {
  client = await LspClient.start();
});
afterAll(async () => {
  expect(await client.stop()).toBe(0);
});

describe('diagnostics', () => {
  it('equal nianbao check --format json for every example (codes, places, messages, hints)', async () => {
    const examples = readdirSync(path.join(ROOT, 'examples')).filter((n) => n.endsWith('.md'));
    for (const name of examples) {
      const file = path.join(ROOT, 'examples', name);
      const uri = await client.open(file);
      const published = await client.diagnostics(uri);
      expect(published.map(asCheck), name).toEqual(checkJson([file]));
      for (const d of published) {
        expect(d.source).toBe('nianbao');
        expect(d.message).toBe(`${(d.data as { message: string }).message}\n提示：${(d.data as { hint: string }).hint}`);
      }
    }
  }, 120_000);

  it('equal nianbao check --previous <sibling> for the published corpus, last year found beside each report', async () => {
    const corpus = path.join(ROOT, 'test/fixtures/published');
    let compared = 0;
    for (const name of readdirSync(corpus).filter((n) => /-\d{4}\.md$/.test(n))) {
      const year = Number(/(\d{4})\.md$/.exec(name)?.[1]);
      const sibling = name.replace(String(year), String(year - 1));
      const file = path.join(corpus, name);
      const uri = await client.open(file);
      const expected = readdirSync(corpus).includes(sibling) ? checkJson([file, '--previous', path.join(corpus, sibling)]) : checkJson([file]);
      expect((await client.diagnostics(uri)).map(asCheck), name).toEqual(expected);
      if (readdirSync(corpus).includes(sibling)) compared++;
    }
    expect(compared).toBe(7);
  }, 180_000);

  const BROKEN = edit('# 存在的主要问题及改进情况\n\n公开的及时性还需提高。\n\n', '', edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: { 自然人: 5, 商业企: 2, 总计: 8 }', edit('上年结转: { 自然人: 1 }', '上年结转: { 自然人: 1件 }', edit('# 总体情况', '# 总体情况况'))));

  it('of a broken source equal nianbao check, each range covering its key, cell or heading', async () => {
    const file = write('broken.md', BROKEN);
    const uri = await client.open(file);
    const published = await client.diagnostics(uri);
    expect(published.map(asCheck)).toEqual(checkJson([file]));
    const by = (code: string) => published.filter((d) => d.code === code).map((d) => textAt(BROKEN, d));
    expect(by('unknown-key')).toEqual(['商业企']);
    expect(by('unit-in-number')).toEqual(['1件']);
    expect(by('part-unknown')).toEqual(['总体情况况']);
    // Part 五 is missing, and part 一 (its heading mistyped): both are said at the next part's heading.
    expect(by('part-missing')).toEqual(['其他需要报告的事项', '其他需要报告的事项']);
    expect(published.find((d) => d.code === 'unknown-key')?.severity).toBe(1);
  });

  it('survive half-typed YAML: a syntax error while the brace is open, then the fixed source checks clean', async () => {
    const file = write('typing.md', VALID);
    const uri = await client.open(file);
    expect(await client.diagnostics(uri, 1)).toEqual([]);
    const half = VALID.replace('  上年结转: { 自然人: 1 }', '  上年结转: { 自然人: 1, 商业');
    const version = await client.change(uri, half);
    const broken = await client.diagnostics(uri, version);
    expect(broken.map((d) => d.code)).toContain('yaml-syntax');
    expect(broken.map(asCheck)).toEqual(checkJson([write('typing-half.md', half)]));
    // Completion still works in the half-typed row.
    const items = await client.completion(uri, positionOf(half, '商业', 2));
    expect(items?.items.map((i) => i.label)).toContain('商业企业');
    const unclosed = `${VALID.slice(0, VALID.lastIndexOf('---'))}`;
    const v2 = await client.change(uri, unclosed);
    expect((await client.diagnostics(uri, v2)).map((d) => d.code)).toEqual(['front-matter-unclosed']);
    const v3 = await client.change(uri, VALID);
    expect(await client.diagnostics(uri, v3)).toEqual([]);
  });
});

describe('what only the build finds', () => {
  it('a character no font has: missing-glyph as nianbao build says it, once the typing pauses; gone when the character is', async () => {
    const text = edit('本年度未收取信息处理费。', '本年度未收取信息处理费\u{2B81D}。');
    const file = write('glyph.md', text);
    const build = nianbao(['build', file, '-o', path.join(dir, 'glyph.pdf')]);
    expect(build.status).toBe(1);
    const said = `${build.stdout}\n${build.stderr}`.split('\n').find((line) => line.includes(' missing-glyph ')) ?? '';
    const uri = await client.open(file);
    const latest = () => client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? [];
    for (let i = 0; i < 200 && !latest().some((d) => d.code === 'missing-glyph'); i++) await new Promise((r) => setTimeout(r, 50));
    const glyph = latest().find((d) => d.code === 'missing-glyph');
    expect(glyph).toBeDefined();
    const { line, character } = (glyph as Diagnostic).range.start;
    expect(said).toBe(`${file}:${line + 1}:${character + 1} 错误 missing-glyph ${(glyph?.data as { message: string }).message}`);
    expect(textAt(text, glyph as Diagnostic)).toBe('\u{2B81D}');
    await client.change(uri, VALID);
    for (let i = 0; i < 200 && latest().some((d) => d.code === 'missing-glyph'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(latest()).toEqual([]);
  });
});

describe('checking while typing', () => {
  it('gathers a burst of changes into fewer checks, the last one on the newest text', async () => {
    const uri = await client.open(write('burst.md', VALID));
    await client.diagnostics(uri, 1);
    let text = VALID;
    let version = 1;
    for (const ch of '本年度还收到群众来信十五件，均已转交。') {
      text = text.replace('本年度主动公开政府信息2610条。', (m) => `${m}${ch}`);
      version = await client.change(uri, text);
    }
    expect(await client.diagnostics(uri, version)).toEqual([]);
    const checks = client.published.filter((p) => p.uri === uri).length;
    expect(checks).toBeLessThan(version - 1);
  });
});

describe('last year’s report beside this one', () => {
  it('is the file named with last year (2020.md beside 2021.md): carry-over checked, and rechecked when last year’s changes', async () => {
    const folder = scratch();
    const last = yearBefore().replace('结转下年度继续办理: { 自然人: 1, 总计: 1 }', '结转下年度继续办理: { 自然人: 2, 总计: 2 }');
    writeFileSync(path.join(folder, '2020.md'), last);
    const file = path.join(folder, '2021.md');
    writeFileSync(file, VALID);
    const uri = await client.open(file);
    const published = await client.diagnostics(uri);
    expect(published.map(asCheck)).toEqual(checkJson([file, '--previous', path.join(folder, '2020.md')]));
    expect(published.map((d) => d.code)).toContain('carryover-mismatch');
    // Last year's file opened and corrected in the editor (not saved): this year's is checked against it.
    const lastUri = await client.open(path.join(folder, '2020.md'));
    await client.change(lastUri, yearBefore());
    const carried = () => (client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? []).some((d) => d.code === 'carryover-mismatch');
    for (let i = 0; i < 100 && carried(); i++) await new Promise((r) => setTimeout(r, 50));
    const again = await client.diagnostics(uri);
    expect(again.map((d) => d.message).join('\n')).not.toContain('上年结转');
  });

  it('is otherwise a file of the folder whose 年度 is one less and whose 机关 is the same', async () => {
    const folder = scratch();
    const other = yearBefore().replace('机关: 临夏市南龙镇人民政府', '机关: 临夏市枹罕镇人民政府');
    writeFileSync(path.join(folder, 'a-枹罕镇.md'), other.replace('结转下年度继续办理: { 自然人: 1, 总计: 1 }', '结转下年度继续办理: { 自然人: 3, 总计: 3 }'));
    writeFileSync(path.join(folder, 'b-南龙镇上年.md'), yearBefore().replace('结转下年度继续办理: { 自然人: 1, 总计: 1 }', '结转下年度继续办理: { 自然人: 2, 总计: 2 }'));
    const file = path.join(folder, 'c-南龙镇.md');
    writeFileSync(file, VALID);
    const uri = await client.open(file);
    const published = await client.diagnostics(uri);
    expect(published.map(asCheck)).toEqual(checkJson([file, '--previous', path.join(folder, 'b-南龙镇上年.md')]));
    expect(published.find((d) => d.code === 'carryover-mismatch')?.message).toContain('2');
  });

  it('is not taken when its 年度 is not last year', async () => {
    const folder = scratch();
    copyFileSync(path.join(ROOT, 'test/fixtures/valid.md'), path.join(folder, '2020.md'));
    const file = path.join(folder, '2021.md');
    writeFileSync(file, VALID);
    expect(await client.diagnostics(await client.open(file))).toEqual([]);
  });
});

describe('completion', () => {
  const labels = (list: { items: { label: string }[] } | null) => list?.items.map((i) => i.label) ?? [];

  it('of row keys in a table: printed label and description, rows already written and aliases left out', async () => {
    const text = VALID.replace('  上年结转: { 自然人: 1 }\n', '  上年\n');
    const uri = await client.open(write('rows.md', text));
    const at = positionOf(text, '  上年\n', 4);
    const list = await client.completion(uri, at);
    const offered = labels(list);
    expect(offered).toContain('上年结转');
    expect(offered).toContain('不予处理');
    expect(offered).toContain('格式');
    expect(offered).not.toContain('本年新收');
    for (const alias of ['（七）总计', '结转下年度', '上年结转政府信息公开申请数量']) expect(offered).not.toContain(alias);
    const item = list?.items.find((i) => i.label === '上年结转');
    expect(item?.detail).toBe('二、上年结转政府信息公开申请数量');
    expect((item?.documentation as { value: string }).value).toContain('[自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]');
    expect(applyEdits(text, item?.textEdit ? [item.textEdit as never] : [])).toContain('  上年结转: \n');
    expect(list?.items.find((i) => i.label === '不予处理')?.detail).toBe('三、本年度办理结果 › （五）不予处理');
  });

  it('of column keys inside { }: after the comma, the columns not yet written', async () => {
    const text = VALID.replace('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: { 自然人: 5,  }');
    const uri = await client.open(write('flow.md', text));
    const at = positionOf(text, '本年新收: { 自然人: 5, ', '本年新收: { 自然人: 5, '.length);
    const list = await client.completion(uri, at);
    expect(labels(list)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    const total = list?.items.find((i) => i.label === '总计');
    expect((total?.documentation as { value: string }).value).toContain('总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他');
    expect(total?.textEdit?.newText).toBe('总计: ');
  });

  it('of a value in a list row: the cell kinds, named by the column at that place', async () => {
    const text = VALID.replace('  上年结转: { 自然人: 1 }', '  上年结转: [1, 0, ');
    const uri = await client.open(write('list.md', text));
    const list = await client.completion(uri, positionOf(text, '上年结转: [1, 0, ', '上年结转: [1, 0, '.length));
    expect(labels(list)).toEqual(['0', '~', '/', '无', '待填']);
    expect(list?.items.every((i) => i.detail?.startsWith('科研机构'))).toBe(true);
    // One value a line (`- 1`) is a list row too.
    const block = VALID.replace('  上年结转: { 自然人: 1 }', '  上年结转:\n    - 1\n    - ');
    const blockUri = await client.open(write('block-list.md', block));
    const items = await client.completion(blockUri, positionOf(block, '    - 1\n    - ', '    - 1\n    - '.length));
    expect(items?.items[0]?.detail?.startsWith('商业企业')).toBe(true);
  });

  it('of column keys in a block row, sub-rows in a group, metadata keys, and the choices of 格式 and 报告主体', async () => {
    const text = VALID.replace('  部分公开: { 自然人: 1 }', '  部分公开:\n    自然人: 1\n    ').replace('    属于国家秘密: { 商业企业: 1 }', '    属于国家秘密: { 商业企业: 1 }\n    ').replace('主送机关: 市政府信息中心', '主送机关: 市政府信息中心\n格式: \n报告主体: ');
    const uri = await client.open(write('block.md', text));
    expect(labels(await client.completion(uri, positionOf(text, '    自然人: 1\n    ', '    自然人: 1\n    '.length)))).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    const group = labels(await client.completion(uri, positionOf(text, '商业企业: 1 }\n    ', '商业企业: 1 }\n    '.length)));
    expect(group).toEqual(['其他法律行政法规禁止公开', '危及“三安全一稳定”', '保护第三方合法权益', '属于三类内部事务信息', '属于四类过程性信息', '属于行政执法案卷', '属于行政查询事项']);
    expect(labels(await client.completion(uri, positionOf(text, '格式: ', 4)))).toEqual(['2021', '2019']);
    expect(labels(await client.completion(uri, positionOf(text, '报告主体: ', 6)))).toEqual(['人民政府', '部门', '乡镇街道']);
    const top = labels(await client.completion(uri, { line: 1, character: 0 }));
    expect(top).toContain('标题');
    expect(top).toContain('发布日期');
    // 2019 rows in a 2019 table.
    const old = VALID.replace('主动公开:\n', '主动公开:\n  格式: 2019\n').replace('  规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 }\n', '  \n');
    const oldUri = await client.open(write('old.md', old));
    const rows = labels(await client.completion(oldUri, positionOf(old, '格式: 2019\n  ', '格式: 2019\n  '.length)));
    expect(rows).toContain('政府集中采购');
    expect(rows).toContain('其他对外管理服务事项');
  });
});

describe('hover', () => {
  it('on a row: its printed label, its cells and its computed total with the numbers', async () => {
    const uri = await client.open(write('hover.md', VALID));
    const hover = await client.hover(uri, positionOf(VALID, '予以公开:', 1));
    const text = (hover?.contents as { value: string }).value;
    expect(text).toContain('**三、本年度办理结果 › （一）予以公开**');
    expect(text).toContain('规则：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他  \n本行：总计 = 3 + 1 = 4');
    expect(text).toContain('自然人 3 · 商业企业 1 · 科研机构 0（没写，按缺省）');
    const received = (await client.hover(uri, positionOf(VALID, '本年新收', 1)))?.contents as { value: string };
    expect(received.value).toContain('总计 = 5 + 2 = 7 ✓');
    expect(received.value).toContain('一+二 = 三+四：8 = 8 ✓');
  });

  it('on a cell: the rules it takes part in, with the row’s and the column’s totals', async () => {
    const uri = await client.open(write('hover-cell.md', VALID));
    const at = positionOf(VALID, '予以公开: { 自然人: 3', '予以公开: { 自然人: '.length);
    const text = ((await client.hover(uri, at))?.contents as { value: string }).value;
    expect(text).toContain('**三、本年度办理结果 › （一）予以公开 › 自然人**');
    expect(text).toContain('值：3');
    expect(text).toContain('计入本行总计：总计 = 3 + 1 = 4');
    expect(text).toContain('计入本列的合计：（七）总计 = 3 + 1 + 1 = 5 ✓');
    const wrong = VALID.replace('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: { 自然人: 5, 商业企业: 2, 总计: 6 }');
    const wrongUri = await client.open(write('hover-wrong.md', wrong));
    const total = ((await client.hover(wrongUri, positionOf(wrong, '总计: 6', 4)))?.contents as { value: string }).value;
    expect(total).toContain('是合计：总计 = 5 + 2 = 7 ✗，写的是 6');
    expect(await client.hover(wrongUri, positionOf(wrong, '现将本镇'))).toBeNull();
  });
});

describe('inlay hints', () => {
  it('give the computed total after each row that leaves it out, and the balance after （七）总计', async () => {
    const uri = await client.open(write('inlay.md', VALID));
    const hints = (await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } })) ?? [];
    const lines = VALID.split('\n');
    const shown = hints.map((h) => `${lines[h.position.line]?.trim()} ${String(h.label)}`);
    expect(shown).toEqual([
      '上年结转: { 自然人: 1 } → 总计 1',
      '予以公开: { 自然人: 3, 商业企业: 1 } → 总计 4',
      '部分公开: { 自然人: 1 } → 总计 1',
      '属于国家秘密: { 商业企业: 1 } → 总计 1',
      '本机关不掌握相关政府信息: { 自然人: 1 } → 总计 1',
      '总计: { 自然人: 5, 商业企业: 2, 总计: 7 } 一+二 = 三+四: 8 = 8 ✓',
      '复议后起诉: {} → 总计 0',
    ]);
    for (const h of hints) expect(h.position.character).toBe(lines[h.position.line]?.length);
    const off = VALID.replace('结转下年度继续办理: { 自然人: 1, 总计: 1 }', '结转下年度继续办理: { 商业企业: 1 }');
    const offUri = await client.open(write('inlay-off.md', off));
    const offHints = (await client.inlayHints(offUri, { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } })) ?? [];
    expect(offHints.map((h) => String(h.label))).toContain('一+二 = 三+四: 8 = 8 ✓；不平的列：自然人、商业企业');
  });
});

describe('code actions', () => {
  /** Opens `text`, takes the actions offered for the diagnostic `code`, applies the one titled `title`, and returns the new diagnostics. */
  async function apply(name: string, text: string, code: string, title: RegExp): Promise<{ text: string; codes: string[] }> {
    const uri = await client.open(write(name, text));
    const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === code);
    expect(diagnostic, `${code} in ${name}`).toBeDefined();
    const actions = (await client.codeActions(uri, (diagnostic as Diagnostic).range, [diagnostic as Diagnostic])) ?? [];
    const action = actions.find((a) => title.test(a.title));
    expect(action, `${title} among ${actions.map((a) => a.title).join(' / ')}`).toBeDefined();
    const edits = action?.edit?.changes?.[uri] ?? [];
    const version = await client.applyEdits(uri, edits);
    const after = await client.diagnostics(uri, version);
    return { text: client.text(uri), codes: after.map((d) => String(d.code)) };
  }

  it('apply a did-you-mean to a key and to a part heading', async () => {
    const key = await apply('dym.md', edit('本年新收: { 自然人: 5, 商业企业: 2', '本年新收: { 自然人: 5, 商业企: 2'), 'unknown-key', /^改为“商业企业”$/);
    expect(key.text).toBe(VALID);
    expect(key.codes).toEqual([]);
    const heading = await apply('dym-part.md', edit('# 总体情况', '# 总体情况况'), 'part-unknown', /^改为“总体情况”$/);
    expect(heading.text).toBe(VALID);
    expect(heading.codes).toEqual([]);
  });

  it('put the number a hint gives in place of a unit typed into a cell, or of full-width digits', async () => {
    const unit = await apply('unit.md', edit('上年结转: { 自然人: 1 }', '上年结转: { 自然人: 1件 }'), 'unit-in-number', /^改为 1$/);
    expect(unit.text).toBe(VALID);
    expect(unit.codes).toEqual([]);
    const wide = await apply('wide.md', edit('行政许可: 12', '行政许可: １２'), 'full-width-digits', /^改为 12$/);
    expect(wide.text).toBe(VALID);
    const yuan = await apply('yuan.md', edit('行政事业性收费: 1.25', '行政事业性收费: 12500元'), 'unit-in-number', /^改为 1.25$/);
    expect(yuan.text).toBe(VALID);
  });

  it('replace a wrong total with the computed one, or delete it so that it is computed', async () => {
    const wrong = edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: { 自然人: 5, 商业企业: 2, 总计: 8 }');
    const replaced = await apply('total.md', wrong, 'applicant-total', /改为 7/);
    expect(replaced.text).toBe(VALID);
    expect(replaced.codes).toEqual([]);
    const deleted = await apply('total-delete.md', wrong, 'applicant-total', /删去/);
    expect(deleted.text).toContain('本年新收: { 自然人: 5, 商业企业: 2 }');
    expect(deleted.codes).toEqual([]);
    const list = edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: [5, 2, 0, 0, 0, 0, 9]');
    const fromList = await apply('total-list.md', list, 'applicant-total', /删去/);
    expect(fromList.text).toContain('本年新收: [5, 2, 0, 0, 0, 0]\n');
    expect(fromList.codes).toEqual([]);
    const column = edit('总计: { 自然人: 5, 商业企业: 2, 总计: 7 }', '总计: { 自然人: 6, 商业企业: 2, 总计: 7 }');
    const result = await apply('result-total.md', column, 'result-total', /改为 5/);
    expect(result.text).toBe(VALID);
    expect(result.codes).toEqual([]);
    const blank = edit('行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 2 }', '行政复议: { 结果维持: 1, 尚未审结: 1, 总计: ~ }');
    const filled = await apply('total-blank.md', blank, 'total-blank', /改为 2/);
    expect(filled.text).toBe(VALID);
    const review = edit('行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 2 }', '行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 3 }');
    const reviewed = await apply('review-total.md', review, 'review-total', /改为 2/);
    expect(reviewed.text).toBe(VALID);
    expect(reviewed.codes).toEqual([]);
    const block = edit('  结转下年度继续办理: { 自然人: 1, 总计: 1 }', '  结转下年度继续办理:\n    自然人: 1\n    总计: 3');
    const blockDeleted = await apply('total-block.md', block, 'applicant-total', /删去/);
    expect(blockDeleted.text).toContain('  结转下年度继续办理:\n    自然人: 1\n复议诉讼:');
    expect(blockDeleted.codes).toEqual([]);
  });

  it('insert a missing part heading, before the next part or at the end', async () => {
    const middle = await apply('part.md', edit('# 存在的主要问题及改进情况\n\n公开的及时性还需提高。\n\n', ''), 'part-missing', /插入一级标题/);
    expect(middle.text).toContain('# 存在的主要问题及改进情况\n\n# 其他需要报告的事项');
    expect(middle.codes).not.toContain('part-missing');
    const last = await apply('part-end.md', edit('\n# 其他需要报告的事项\n\n本年度未收取信息处理费。\n', ''), 'part-missing', /插入一级标题/);
    expect(last.text.endsWith('公开的及时性还需提高。\n\n# 其他需要报告的事项\n')).toBe(true);
    expect(last.codes).not.toContain('part-missing');
  });

  it('rewrite a row in the compact list form; every row of a real report rewritten checks the same', async () => {
    const uri = await client.open(write('list-form.md', VALID));
    const at = positionOf(VALID, '上年结转');
    const actions = (await client.codeActions(uri, { start: at, end: at }, [])) ?? [];
    const action = actions.find((a) => a.kind === 'refactor.rewrite');
    expect(action?.title).toBe('把“上年结转”改写为按列顺序的列表');
    expect(applyEdits(VALID, action?.edit?.changes?.[uri] ?? [])).toContain('  上年结转: [1, 0, 0, 0, 0, 0]\n');
    // （七）总计 written in part: its other columns are computed, so a list would have to state them.
    const total = positionOf(VALID, '  总计: {', 2);
    expect(((await client.codeActions(uri, { start: total, end: total }, [])) ?? []).filter((a) => a.kind === 'refactor.rewrite')).toEqual([]);

    for (const name of ['changle-2022.md', 'nanlong-2021.md']) {
      const source = readFileSync(path.join(ROOT, 'examples', name), 'utf8');
      const exampleUri = await client.open(write(name, source));
      const before = (await client.diagnostics(exampleUri)).map((d) => `${d.code} ${(d.data as { message: string }).message}`);
      const whole = { start: { line: 0, character: 0 }, end: { line: source.split('\n').length, character: 0 } };
      const rewrites = ((await client.codeActions(exampleUri, whole, [])) ?? []).filter((a) => a.kind === 'refactor.rewrite');
      expect(rewrites.length, name).toBeGreaterThan(5);
      const version = await client.applyEdits(exampleUri, rewrites.flatMap((a) => a.edit?.changes?.[exampleUri] ?? []));
      const after = (await client.diagnostics(exampleUri, version)).map((d) => `${d.code} ${(d.data as { message: string }).message}`);
      expect(after, name).toEqual(before);
      expect(client.text(exampleUri)).not.toMatch(/: \{ 自然人/);
    }
  });
});

describe('outline', () => {
  it('has the three tables with their rows, then the parts with their sub-headings', async () => {
    const uri = await client.open(write('outline.md', VALID));
    const symbols = (await client.symbols(uri)) ?? [];
    expect(symbols.map((s) => s.name)).toEqual(['主动公开', '依申请公开', '复议诉讼', '一、总体情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
    const application = symbols[1];
    expect(application?.detail).toBe('三、收到和处理政府信息公开申请情况的统计表');
    expect(application?.children?.map((c) => c.name)).toEqual(['本年新收', '上年结转', '予以公开', '部分公开', '不予公开', '无法提供', '（七）总计', '结转下年度继续办理']);
    expect(application?.children?.[4]?.children?.map((c) => c.name)).toEqual(['属于国家秘密']);
    expect(symbols[3]?.children?.map((c) => c.name)).toEqual(['主动公开']);
    expect(symbols[3]?.range.start.line).toBe(positionOf(VALID, '# 总体情况').line);
  });
});

describe('other Markdown', () => {
  it('gets nothing: no diagnostics, completion, hover, hints or outline', async () => {
    const text = '---\ntitle: 会议纪要\n---\n\n# 总体情况\n\n本年新收: { 自然人: 5 }\n';
    const uri = await client.open(write('notes.md', text));
    const plain = await client.open(write('plain.md', '# 说明\n\n没有前置数据。\n'));
    const after = await client.open(write('after.md', VALID));
    await client.diagnostics(after);
    expect(client.published.filter((p) => p.uri === uri || p.uri === plain)).toEqual([]);
    expect(await client.completion(uri, { line: 1, character: 0 })).toBeNull();
    expect(await client.hover(uri, { line: 6, character: 2 })).toBeNull();
    expect(await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } })).toBeNull();
    expect(await client.symbols(uri)).toBeNull();
    // A report whose front matter stops being one has its diagnostics cleared.
    const broken = await client.open(write('was-report.md', edit('年度: 2021', '年度: 20x')));
    expect((await client.diagnostics(broken)).length).toBeGreaterThan(0);
    const version = await client.change(broken, text);
    for (let i = 0; i < 100 && client.published.filter((p) => p.uri === broken).at(-1)?.diagnostics.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(client.published.filter((p) => p.uri === broken).at(-1)?.diagnostics).toEqual([]);
    expect(version).toBe(2);
  });
});

describe('the command', () => {
  it('serves stdio without --stdio too, and ends with exit code 0 on shutdown and exit', async () => {
    const bare = await LspClient.start([]);
    const uri = await bare.open(path.join(ROOT, 'examples/nankou-2020.md'));
    expect((await bare.diagnostics(uri)).map((d) => d.code)).toContain('part-missing');
    expect(await bare.stop()).toBe(0);
  });
});
