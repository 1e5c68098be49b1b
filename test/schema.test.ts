/** The shipped JSON Schema (generated from the definitions) agrees with the checker. */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkSource } from '../src/pipeline.js';
import { edit, VALID } from './support/check.js';

const schema = JSON.parse(readFileSync('schema/nianbao.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

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
