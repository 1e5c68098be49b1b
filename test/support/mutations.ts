/**
 * Structure-aware mutations of real sources (issue 11, item 9), shared by the check/build fuzz and
 * the watch/server fuzz: values of the wrong kind, near-miss keys, YAML anchors/aliases/merge
 * keys/tags, alias bombs, BOM/NUL/lone surrogates/control characters, grid blocks with random
 * spans, widths and headers, long titles, long unbreakable runs, HTML entities, deep nesting.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)] as T;
export const int = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

export const SOURCES = [
  ...readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(path.join(ROOT, 'examples', f), 'utf8')),
  readFileSync(path.join(ROOT, 'test/fixtures/valid.md'), 'utf8'),
];

/** The front matter's lines (between the two `---`) and the body, so mutations can aim at either. */
function split(text: string): { head: string[]; body: string } | undefined {
  const end = text.indexOf('\n---\n', 4);
  if (!text.startsWith('---\n') || end < 0) return undefined;
  return { head: text.slice(4, end).split('\n'), body: text.slice(end + 5) };
}
const join = (head: string[], body: string) => `---\n${head.join('\n')}\n---\n${body}`;

const WRONG_VALUES = [
  '99999999999999999999999', '-7', '3.5', '1e308', '-0', '.inf', '.nan', '0x1F', '0o17', '"五"', '五件', '5件',
  '１２', '🎉', 'null', '~', '', '[]', '[1, 2, 3]', '{}', '{ 甲: 1 }', '!!str 5', '!!binary aGVsbG8=', '!自定义 5',
  '*未定义', '"\\u0000"', '"\\ud800"', "'   '", 'true', '2022-13-45', '2022年2月30日', '|\n  多行\n  文字',
];

/** A `key: value` line of the front matter (block or flow form), to aim value and key mutations at. */
const KEY_LINE = /^(\s*)([^\s#:{}[\],][^:#{}]*?):(\s+)(.*)$/;

function mutateHead(text: string, random: Random, f: (head: string[], random: Random) => void): string {
  const parts = split(text);
  if (!parts) return text;
  f(parts.head, random);
  return join(parts.head, parts.body);
}

function keyLines(head: string[]): number[] {
  return head.flatMap((line, i) => (KEY_LINE.test(line) ? [i] : []));
}

function nearMiss(key: string, random: Random): string {
  const chars = [...key];
  const i = int(random, 0, Math.max(0, chars.length - 1));
  switch (int(random, 0, 4)) {
    case 0: chars.splice(i, 1); break; // 本年新
    case 1: chars.splice(i, 0, chars[i] ?? '甲'); break; // 本年新新收
    case 2: [chars[i], chars[i + 1]] = [chars[i + 1] ?? '', chars[i] ?? '']; break;
    case 3: chars.splice(i, 0, ' '); break;
    default: chars.push('s');
  }
  return chars.join('') || '键';
}

function randomCellText(random: Random): string {
  return pick(
    ['甲', '总计', '12', '本机关不掌握相关政府信息', '', 'https://www.example.gov.cn/zwgk/a/b/c/d/e/f/index.html',
      '9'.repeat(int(random, 20, 90)), '很长的单元格文字'.repeat(int(random, 1, 40)), '&#x20000;', '&amp;', '|', '{th}'],
    random,
  );
}

function randomGrid(random: Random): string {
  const columns = pick([1, 2, 3, 7, int(random, 1, 40), 1000], random);
  const rows = int(random, 0, 30);
  const attrs: string[] = [];
  if (random() < 0.6) attrs.push(`header=${pick([0, 1, 2, rows, 999, -1, 1.5], random)}`);
  if (random() < 0.5) {
    const widths = Array.from({ length: Math.min(columns, 50) }, () => pick(['*', '20', '0', '-5', '1e9', 'x', '40'], random));
    attrs.push(`widths=${widths.join(',')}`);
  }
  if (random() < 0.3) attrs.push(`size=${pick(['10.5', '0', '0.1', '99999', 'NaN', '-3'], random)}`);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const n = Math.min(columns, random() < 0.2 ? int(random, 1, columns) : columns);
    const cells = Array.from({ length: n }, () => {
      const span: string[] = [];
      if (random() < 0.1) span.push(`rs=${pick([2, 3, 20, 2000, 99999, 0, -1], random)}`);
      if (random() < 0.1) span.push(`cs=${pick([2, 3, 20, 2000, 99999, 0, -1], random)}`);
      if (random() < 0.1) span.push(pick(['th', 'left', 'right', 'bogus'], random));
      return `${randomCellText(random)}${span.length ? ` {${span.join(' ')}}` : ''}`;
    });
    lines.push(cells.join(' | '));
  }
  return `\n\`\`\`grid${attrs.length ? ` ${attrs.join(' ')}` : ''}\n${lines.join('\n')}\n\`\`\`\n`;
}

function intoBody(text: string, random: Random, insert: string): string {
  const parts = split(text);
  if (!parts) return text + insert;
  const paragraphs = parts.body.split('\n\n');
  const i = int(random, 0, paragraphs.length);
  paragraphs.splice(i, 0, insert);
  return join(parts.head, paragraphs.join('\n\n'));
}

/** Inside a paragraph of the narrative (a line that is text, not a heading or a fence). */
function intoParagraph(text: string, random: Random, insert: string): string {
  const parts = split(text);
  if (!parts) return text;
  const lines = parts.body.split('\n');
  const candidates = lines.flatMap((line, i) => (line.length > 10 && !/^[#`|>-]/.test(line) ? [i] : []));
  if (candidates.length === 0) return intoBody(text, random, insert);
  const i = pick(candidates, random);
  const line = lines[i] as string;
  const at = int(random, 0, line.length);
  lines[i] = `${line.slice(0, at)}${insert}${line.slice(at)}`;
  return join(parts.head, lines.join('\n'));
}

type Mutation = (text: string, random: Random) => string;

export const MUTATIONS: Record<string, Mutation> = {
  'a value replaced by the wrong kind': (t, r) =>
    mutateHead(t, r, (head) => {
      const lines = keyLines(head);
      if (lines.length === 0) return;
      const i = pick(lines, r);
      head[i] = (head[i] as string).replace(KEY_LINE, (_, indent, key, gap) => `${indent}${key}:${gap}${pick(WRONG_VALUES, r)}`);
    }),
  'a number in a flow map replaced': (t, r) =>
    t.replace(/([{,]\s*[^:{},]+:\s*)(\d+)/g, (m, before) => (r() < 0.15 ? `${before}${pick(WRONG_VALUES.filter((v) => !v.includes('\n')), r)}` : m)),
  // The row form (issue 12, item 5): some rows as lists of their values, the length or one value wrong now and then.
  'rows rewritten as lists': (t, r) =>
    t.replace(/^(\s+[^\s:#][^:#]*: )\{ ([^{}]*) \}$/gm, (m, before: string, body: string) => {
      if (r() < 0.5) return m;
      const values = body.split(', ').map((pair) => pair.slice(pair.indexOf(': ') + 2));
      if (r() < 0.2) values.pop();
      if (r() < 0.2) values.push(String(int(r, 0, 9)));
      if (values.length > 0 && r() < 0.2) values[int(r, 0, values.length - 1)] = pick(WRONG_VALUES.filter((v) => !v.includes('\n')), r);
      return `${before}[${values.join(', ')}]`;
    }),
  'a key renamed to a near miss': (t, r) =>
    mutateHead(t, r, (head) => {
      const lines = keyLines(head);
      if (lines.length === 0) return;
      const i = pick(lines, r);
      head[i] = (head[i] as string).replace(KEY_LINE, (_, indent, key, gap, value) => `${indent}${nearMiss(key, r)}:${gap}${value}`);
    }),
  'anchors, aliases and merge keys': (t, r) =>
    mutateHead(t, r, (head) => {
      const lines = keyLines(head);
      if (lines.length < 2) return;
      const a = pick(lines, r);
      head[a] = (head[a] as string).replace(KEY_LINE, (_, indent, key, gap, value) => `${indent}${key}:${gap}&锚 ${value}`);
      const b = pick(lines, r);
      head[b] = (head[b] as string).replace(KEY_LINE, (_, indent, key, gap) =>
        r() < 0.5 ? `${indent}${key}:${gap}*锚` : `${indent}${key}:${gap}{ <<: *锚 }`);
    }),
  'a YAML tag': (t, r) =>
    mutateHead(t, r, (head) => {
      const lines = keyLines(head);
      if (lines.length === 0) return;
      const i = pick(lines, r);
      const tag = pick(['!!str', '!!int', '!!float', '!!map', '!!seq', '!!set', '!!timestamp', '!报告', '!<tag:yaml.org,2002:binary>'], r);
      head[i] = (head[i] as string).replace(KEY_LINE, (_, indent, key, gap, value) => `${indent}${key}:${gap}${tag} ${value}`);
    }),
  'an alias bomb': (t, r) =>
    mutateHead(t, r, (head) => {
      const levels = int(r, 3, 9);
      const bomb = ['a0: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]'];
      for (let k = 1; k < levels; k++) bomb.push(`a${k}: &a${k} [${Array.from({ length: 9 }, () => `*a${k - 1}`).join(', ')}]`);
      head.splice(int(r, 0, head.length), 0, ...bomb);
    }),
  'a byte-order mark': (t, r) => (r() < 0.5 ? `\uFEFF${t}` : t.replace('\n', '\n\uFEFF')),
  'a NUL character': (t, r) => {
    const i = int(r, 0, t.length);
    return `${t.slice(0, i)}\0${t.slice(i)}`;
  },
  'a lone surrogate': (t, r) => {
    const i = int(r, 0, t.length);
    return `${t.slice(0, i)}${pick(['\uD800', '\uDFFF', '\uDBFF'], r)}${t.slice(i)}`;
  },
  'control characters': (t, r) => {
    const i = int(r, 0, t.length);
    return `${t.slice(0, i)}${pick(['\u001b[2J', '\u0007', '\u001b]0;x\u0007', '\u202e', '\u0085'], r)}${t.slice(i)}`;
  },
  'a grid block in the narrative': (t, r) => intoBody(t, r, randomGrid(r)),
  'a long title': (t, r) =>
    mutateHead(t, r, (head) => {
      const length = int(r, 30, 400);
      const words = ['南龙镇', '人民政府', '2021年', '政府信息公开', '工作', '年度报告', '（试行）', '关于', 'ABCDEFGH', '关于进一步'];
      let title = '';
      while (title.length < length) title += pick(words, r);
      const i = head.findIndex((l) => l.startsWith('标题:'));
      if (i >= 0) head[i] = `标题: ${title}`;
      else head.push(`标题: ${title}`);
    }),
  'a long unbreakable run': (t, r) =>
    intoParagraph(t, r, pick([
      `https://www.gov.cn/${'zhengce/content/'.repeat(int(r, 1, 30))}index.html`,
      '8'.repeat(int(r, 30, 400)),
      `${'abcdefghij'.repeat(int(r, 3, 40))}@example.gov.cn`,
      'Ｘ'.repeat(int(r, 30, 200)),
    ], r)),
  'HTML entities': (t, r) =>
    intoParagraph(t, r, pick(['&#x20000;', '&#x1F600;', '&#x8D5F;', '&amp;', '&nbsp;', '&#0;', '&#xD800;', '&#99999999;', '&copy;', '&#x4E2D;'], r)),
  'deep Markdown nesting': (t, r) => {
    const depth = int(r, 10, 400);
    const kind = pick(['list', 'quote'], r);
    const block = kind === 'list'
      ? Array.from({ length: depth }, (_, k) => `${'  '.repeat(k)}- 第${k}层`).join('\n')
      : `${'>'.repeat(depth)} 引用`;
    return intoBody(t, r, block);
  },
  'a huge paragraph': (t, r) => intoBody(t, r, '政府信息公开工作'.repeat(int(r, 100, 3000))),
};

// eslint-disable-next-line no-control-regex -- looking for these characters is the point
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function mutate(random: Random, names: string[]): { name: string; text: string } {
  const name = pick(names, random);
  let text = pick(SOURCES, random);
  const rounds = 1 + Math.floor(random() * 2);
  for (let k = 0; k < rounds; k++) text = (MUTATIONS[k === 0 ? name : pick(names, random)] as Mutation)(text, random);
  return { name, text };
}

