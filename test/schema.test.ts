/** The shipped JSON Schema (generated from the definitions) agrees with the checker. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { initialSource } from '../src/init/source.js';
import { readDate } from '../src/model/dates.js';
import { FRONT_MATTER_FIELDS } from '../src/model/fields.js';
import { checkSource } from '../src/pipeline.js';
import { TABLE_IDS, TABLES } from '../src/tables/definitions.js';
import { FORMATS } from '../src/tables/types.js';
import { edit, VALID } from './support/check.js';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; anyOf?: Schema[]; $ref?: string; doNotSuggest?: boolean };

const schema = JSON.parse(readFileSync('schema/nianbao.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
// verbose: each error carries the schema whose keyword failed, whose errorMessage an editor shows.
const validateVerbose = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);

function frontMatter(text: string): unknown {
  const match = /^---\n([\s\S]*?)\n---/.exec(text);
  return parse(match?.[1] ?? '');
}

/** Where ajv complains, as key paths (an unknown key counts as the path to that key). */
function schemaPaths(text: string): string[] {
  validate(frontMatter(text));
  return [...new Set((validate.errors ?? []).map((e) => {
    const extra = (e.params as { additionalProperty?: string }).additionalProperty;
    return decodeURIComponent(`${e.instancePath}${extra ? `/${extra}` : ''}`);
  }))];
}

describe('JSON Schema', () => {
  it('accepts every example and the valid fixture', () => {
    for (const file of [...readdirSync('examples').filter((f) => f.endsWith('.md')).map((f) => `examples/${f}`), 'test/fixtures/valid.md']) {
      const ok = validate(frontMatter(readFileSync(file, 'utf8')));
      expect(validate.errors ?? [], file).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('accepts the row form: a corpus report written in it, and lists mixed with mappings', () => {
    const mixed = edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: [5, 2, ~, 无, /, 0]', VALID);
    for (const [name, text] of [
      ['pingtan-2021', readFileSync('test/fixtures/published/pingtan-2021.md', 'utf8')],
      ['huaian-2024 (row form)', readFileSync('test/fixtures/row-form/huaian-2024.md', 'utf8')],
      ['mixed', edit('规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 }', '规章: [0, 0, 0]', mixed)],
    ] as const) {
      expect(text, name).toMatch(/: \[\d/);
      validate(frontMatter(text));
      expect(validate.errors ?? [], name).toEqual([]);
    }
  });

  const cases: [string, string, string, string, string][] = [
    ['a row list too short', '本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: [5, 2]', 'row-length', '/依申请公开/本年新收'],
    ['a row list too long', '行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 2 }', '行政复议: [1, 0, 0, 1, 2, 0]', 'row-length', '/复议诉讼/行政复议'],
    ['a negative value in a row list', '本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: [5, -2, 0, 0, 0, 0, 3]', 'negative', '/依申请公开/本年新收/1'],
    ['a unit in a group row list', '属于国家秘密: { 商业企业: 1 }', '属于国家秘密: [0, 1件, 0, 0, 0, 0]', 'unit-in-number', '/依申请公开/不予公开/属于国家秘密/1'],
    ['unknown column', '上年结转: { 自然人: 1 }', '上年结转: { 自然人: 1, 商业企: 0 }', 'unknown-key', '/依申请公开/上年结转/商业企'],
    ['unknown top-level key', '主送机关:', '主送机关关:', 'unknown-key', '/主送机关关'],
    ['negative count', '行政处罚: 3', '行政处罚: -3', 'negative', '/主动公开/行政处罚'],
    ['not an integer', '行政处罚: 3', '行政处罚: 2.5', 'not-integer', '/主动公开/行政处罚'],
    ['unit in a count', '行政处罚: 3', '行政处罚: 3件', 'unit-in-number', '/主动公开/行政处罚'],
    ['a word for a number', '行政处罚: 3', '行政处罚: 三', 'not-a-number', '/主动公开/行政处罚'],
    ['negative in a group row', '属于国家秘密: { 商业企业: 1 }', '属于国家秘密: { 商业企业: -1 }', 'negative', '/依申请公开/不予公开/属于国家秘密/商业企业'],
    ['a bad year', '年度: 2021', '年度: 21', 'bad-year', '/年度'],
    ['a bad date', '成文日期: 2022年1月21日', '成文日期: 20220121', 'bad-date', '/成文日期'],
  ];
  for (const [name, from, to, code, where] of cases) {
    it(`rejects ${name} where the checker reports ${code}`, () => {
      const text = edit(from, to, VALID);
      expect(checkSource('r.md', text).diagnostics.map((d) => d.code)).toContain(code);
      expect(schemaPaths(text)).toContain(where);
    });
  }
});

/** A `$ref` within the schema, resolved (one level: the file's refs point into `definitions`). */
function resolve(node: Schema): Schema {
  return node.$ref ? (schema.definitions[node.$ref.replace('#/definitions/', '')] as Schema) : node;
}

/** The object alternatives a key's schema offers (what an editor completes inside `{ }` and below a key). */
function objectAlternatives(node: Schema): Schema[] {
  const self = resolve(node);
  return [...(self.properties ? [self] : []), ...(self.anyOf ?? []).flatMap(objectAlternatives)];
}

/** The errorMessages an editor would show for this value: those of the schemas whose keywords failed at its path. */
function editorMessages(text: string, where: string): string[] {
  validateVerbose(frontMatter(text));
  const at = (e: ErrorObject) => decodeURIComponent(`${e.instancePath}${(e.params as { additionalProperty?: string }).additionalProperty ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : ''}`);
  const here = (validateVerbose.errors ?? []).filter((e) => at(e) === where || (e.keyword === 'required' && e.instancePath === where));
  return [...new Set(here.map((e) => (e.parentSchema as { errorMessage?: string } | undefined)?.errorMessage).filter((m): m is string => typeof m === 'string'))];
}

describe('JSON Schema for editors (issue 16)', () => {
  it('nianbao init writes no $schema line: no install path in a source, and no copy of the schema beside it', () => {
    for (const source of [initialSource({ year: 2024 }), initialSource({ year: 2024, previous: checkSource('r.md', VALID).report! })]) {
      expect(source.split('\n').slice(0, 2)).toEqual(['---', '年度: 2024']);
      expect(source).not.toMatch(/yaml-language-server|\$schema|nianbao\.schema\.json/);
    }
    // Through the command, into a folder with a space in its name (what broke the relative path).
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao init '));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const run = spawnSync(process.execPath, ['bin/nianbao.js', 'init', path.join(dir, '2024.md'), '--year', '2024'], { encoding: 'utf8' });
    expect(run.stderr).toContain('已创建');
    expect(run.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['2024.md']);
    expect(readFileSync(path.join(dir, '2024.md'), 'utf8')).not.toMatch(/\$schema|yaml-language-server/);
  });

  it('gives the Chinese errorMessage yaml-language-server shows for 5件, 1.5, an unknown key and an impossible date', () => {
    const count = '件数应当是 0 或正整数，不带单位（写 5，不写 5件）；或者 无、/、／、不适用、待填；~ 为空白';
    const cases: [string, string, string, string][] = [
      ['行政处罚: 3', '行政处罚: 3件', '/主动公开/行政处罚', count],
      ['行政处罚: 3', '行政处罚: 1.5', '/主动公开/行政处罚', count],
      ['上年结转: { 自然人: 1 }', '上年结转: { 自然人: 5件 }', '/依申请公开/上年结转/自然人', count],
      ['属于国家秘密: { 商业企业: 1 }', '属于国家秘密: [0, 1.5, 0, 0, 0, 0]', '/依申请公开/不予公开/属于国家秘密/1', count],
      ['行政事业性收费: 1.25', '行政事业性收费: 5000元', '/主动公开/行政事业性收费', '金额以万元计，只写数字（写 0.5，不写 5000元）；或者 无、/、／、不适用、待填；~ 为空白'],
      ['上年结转: { 自然人: 1 }', '上年结转: { 自然人: 1, 商业企: 0 }', '/依申请公开/上年结转/商业企',
        '这一行写成 { 列名: 数 }（列名：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计），或按列的顺序写成 [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]'],
      ['上年结转: { 自然人: 1 }', '上年转结: { 自然人: 1 }', '/依申请公开/上年转结',
        '“依申请公开”表的行只有：本年新收、上年结转、予以公开、部分公开、总计、结转下年度继续办理、其他处理、不予公开、无法提供、不予处理（另可写 格式、缺省）'],
      ['主送机关:', '主送机关关:', '/主送机关关', `前置数据的键只有：${FRONT_MATTER_FIELDS.map((f) => f.key).join('、')}；年度、机关必须写`],
      ['成文日期: 2022年1月21日', '成文日期: 2022年2月30日', '/成文日期', '“成文日期”写成“2022年2月21日”或“2022-02-21”，而且是真实的日期（4月没有31日，2月最多29日）'],
      ['年度: 2021', '年度: 2021\n报告主体: 县政府', '/报告主体', '“报告主体”只能是 人民政府、部门、乡镇街道'],
    ];
    for (const [from, to, where, message] of cases) {
      const text = edit(from, to, VALID);
      expect(checkSource('r.md', text).ok, to).toBe(false);
      expect(editorMessages(text, where), to).toContain(message);
    }
    // 报告主体 offers its three kinds and accepts the spellings the checker reads.
    expect(schema.properties['报告主体'].examples).toEqual(['人民政府', '部门', '乡镇街道']);
    for (const kind of ['人民政府', '乡镇', '街道办事处', '县级以上人民政府部门']) expect(schemaPaths(edit('年度: 2021', `年度: 2021\n报告主体: ${kind}`, VALID)), kind).toEqual([]);
    // Every errorMessage in the file is Chinese.
    const messages = JSON.stringify(schema).match(/"errorMessage":"[^"]*"/g) ?? [];
    expect(messages.length).toBeGreaterThan(10);
    for (const m of messages) expect(m).toMatch(/[\u4e00-\u9fff]/);
  });

  it('cells are one schema each, not an anyOf whose messages yaml-language-server would rewrite into English', () => {
    for (const kind of ['count', 'signed', 'amount-wan', 'amount-raw']) {
      const cell = schema.definitions[kind] as Schema;
      expect(cell.anyOf, kind).toBeUndefined();
      expect(cell.errorMessage, kind).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('accepts a date exactly when it exists (2月 up to 29 in every year; the checker then rejects 2月29日 of a common year)', () => {
    const pattern = new RegExp(schema.properties['成文日期'].pattern as string, 'u');
    let leapOnly = 0;
    for (const year of [2023, 2024]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          for (const typed of [`${year}年${month}月${day}日`, `${year}-${month}-${day}`, `${year}年${String(month).padStart(2, '0')}月${String(day).padStart(2, '0')}日`, `${year}/${month}/${day}`]) {
            const real = readDate(typed).ok;
            if (month === 2 && day === 29 && year === 2023) {
              expect(pattern.test(typed), typed).toBe(true);
              expect(real, typed).toBe(false);
              leapOnly++;
            } else expect(pattern.test(typed), typed).toBe(real);
          }
        }
      }
    }
    expect(leapOnly).toBe(4);
    for (const field of ['成文日期', '发布日期']) expect(schema.properties[field].pattern).toBe(schema.properties['成文日期'].pattern);
    expect(schema.properties['版记'].properties['印发日期'].pattern).toBe(schema.properties['成文日期'].pattern);
    for (const typed of ['2022年2月30日', '2022年4月31日', '2022-11-31', '2022年13月1日', '2022年1月32日', '20220121']) {
      expect(schemaPaths(edit('成文日期: 2022年1月21日', `成文日期: ${typed}`, VALID)), typed).toContain('/成文日期');
    }
  });

  it('offers every row and column key, in block and flow maps alike, and hides every alias (doNotSuggest)', () => {
    for (const id of TABLE_IDS) {
      const table = schema.properties[TABLES[id][2021].key] as Schema;
      const offered = (node: Schema) => Object.keys(node.properties ?? {}).filter((k) => !node.properties?.[k]?.doNotSuggest);
      const hidden = (node: Schema) => Object.keys(node.properties ?? {}).filter((k) => node.properties?.[k]?.doNotSuggest);
      const rowKeys = new Map<string, Set<string>>();
      const aliases = new Map<string, Set<string>>();
      for (const format of FORMATS) {
        const def = TABLES[id][format];
        for (const row of def.rows) {
          const group = row.group ?? '';
          rowKeys.set(group, (rowKeys.get(group) ?? new Set()).add(row.key));
          for (const alias of row.aliases ?? []) aliases.set(group, (aliases.get(group) ?? new Set()).add(alias));
          // The row's schema: in its group's mapping, or the table's.
          const parent = row.group ? objectAlternatives(table.properties?.[row.group] as Schema).find((g) => g.properties?.[row.key] && objectAlternatives(g.properties[row.key] as Schema).length > 0) : table;
          const alternatives = objectAlternatives(parent?.properties?.[row.key] as Schema);
          // Every column of this layout is a property of an object form (`{ }` or a block below the key;
          // 2019's row 其他处理 is also 2021's group of that name).
          const columns = alternatives.find((a) => row.columns.every((c) => offered(a).includes(c)));
          expect(columns, `${def.key} ${row.id}`).toBeDefined();
          if (!columns) continue;
          for (const column of def.columns.filter((c) => row.columns.includes(c.key))) {
            for (const alias of column.aliases ?? []) expect(hidden(columns), `${row.id} ${alias}`).toContain(alias);
          }
          // Neither form offers a key no layout names for this row (规范性文件 is 2019's row and 2021's alias: both layouts' columns).
          const all = new Set(FORMATS.flatMap((f) => TABLES[id][f].rows.filter((r) => (r.key === row.key || r.aliases?.includes(row.key)) && r.group === row.group).flatMap((r) => r.columns)));
          expect(offered(columns).filter((c) => !all.has(c)), `${def.key} ${row.id}`).toEqual([]);
        }
        for (const group of def.groups) for (const alias of group.aliases ?? []) aliases.set('', (aliases.get('') ?? new Set()).add(alias));
      }
      for (const [group, keys] of rowKeys) {
        const node = group ? (objectAlternatives(table.properties?.[group] as Schema).find((g) => [...keys].every((k) => g.properties?.[k])) as Schema) : table;
        const groups = group ? [] : TABLES[id][2021].groups.map((g) => g.key).concat(TABLES[id][2019].groups.map((g) => g.key));
        expect(new Set(offered(node).filter((k) => k !== '格式' && k !== '缺省')), `${id} ${group}`).toEqual(new Set([...keys, ...groups]));
        for (const alias of aliases.get(group) ?? []) if (!keys.has(alias)) expect(hidden(node), `${id} ${group} ${alias}`).toContain(alias);
      }
    }
    // The keys a clerk types still validate: 一、本年新收政府信息公开申请数量 is accepted, just not offered.
    expect(schemaPaths(edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '一、本年新收政府信息公开申请数量: { 自然人: 5, 商业企业: 2, 总计: 7 }', VALID))).toEqual([]);
  });
});
