/**
 * Stage: checked report → Markdown, through a Handlebars template. The helpers come from the
 * table definitions and the report; the template only arranges them. Pure once compiled.
 *
 * Handlebars runs strict (an unknown variable is an error, not an empty string) and with known
 * helpers only; partials other than the template's own inline ones are refused, and so is an
 * inline partial that calls itself. Every error carries the template's line:column.
 *
 * The output comes with its origins: each piece of it is wrapped, while rendering, in marks
 * (Unicode noncharacters, never drawn) saying where it came from — a template text at its
 * line:column, a part of the source at its line, a helper's output at the helper — and the
 * marks are taken out again, leaving the Markdown and a map from each of its characters to the
 * place a diagnostic about that character should point at (glyph preflight, preflight/glyphs.ts).
 */
import Handlebars from 'handlebars';
import type { Position } from '../diagnostics/types.js';
import { formatGrid } from '../markdown/grid.js';
import type { Report } from '../model/types.js';
import { PARTS, TABLE_IDS } from '../tables/definitions.js';
import type { TableId } from '../tables/types.js';
import { tableGrid } from './tables.js';

/** Where a piece of the output came from. `walk`: its text is the origin's text, line by line. */
export interface Origin {
  readonly file: string;
  readonly position: Position;
  readonly walk: boolean;
  /** What it is, for the checks that everything the source says is printed. */
  readonly what?: `part ${number}` | 'preamble' | `table ${TableId}`;
}

export interface Rendered {
  readonly markdown: string;
  /** The file and line:column a diagnostic about the character at `offset` points at. */
  readonly originOf: (offset: number) => { file: string; position: Position };
}

export type CompiledTemplate = (report: Report) => Rendered;

/** A template that cannot be read, parsed or rendered: reported as a diagnostic, not a crash. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    /** Where: the template file and line:column (else the source's 模板 key). */
    readonly file?: string,
    readonly position?: Position,
  ) {
    super(message);
  }
}

const OPEN = '\uFDD0';
const SEP = '\uFDD1';
const CLOSE = '\uFDD2';
const ESC = '\uFDD3';
const MARK_CHARS = /[\uFDD0-\uFDD3]/g;

interface Loc {
  readonly start: { readonly line: number; readonly column: number };
}
interface AstNode {
  readonly type: string;
  readonly loc?: Loc;
  [key: string]: unknown;
}

const positionOf = (loc: Loc | undefined): Position => ({ line: loc?.start.line ?? 1, column: (loc?.start.column ?? 0) + 1 });

/** `text` after walking `from` through `text`: the position of the character after it. */
function advance(from: Position, text: string): Position {
  let { line, column } = from;
  for (const ch of text) {
    if (ch === '\n') {
      line++;
      column = 1;
    } else column += ch.length;
  }
  return { line, column };
}

/** A source text as printed (trimmed) and the position of its first printed character. */
function trimmedAt(text: string, start: Position): { text: string; position: Position } {
  const trimmed = text.trim();
  const lead = text.length - text.trimStart().length;
  return { text: trimmed, position: advance(start, text.slice(0, lead)) };
}

const HELPERS = ['heading', 'part', 'table'] as const;
const DATA = ['preamble', 'year', 'agency', 'title'] as const;

/** The Chinese for Handlebars' own errors, with the template's position when it has one. */
function handlebarsError(name: string, file: string, error: unknown): TemplateError {
  if (error instanceof TemplateError) return error;
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = (e.message ?? String(error)).split('\n')[0] ?? '';
  const at = e.lineNumber !== undefined ? { line: e.lineNumber, column: (e.column ?? 0) + 1 } : undefined;
  const unknownVariable = /^"(.+?)" not defined in/.exec(message);
  const unknownHelper = /unknown helper (\S+)/.exec(message);
  if (error instanceof RangeError) {
    return new TemplateError(`模板“${name}”递归太深`, '检查 {{#each}}、{{#with}} 等块是否互相嵌套调用', file, at);
  }
  if (unknownVariable) {
    return new TemplateError(`模板“${name}”：没有变量“${unknownVariable[1]}”`, `可用的变量：${DATA.join('、')}；辅助函数：${HELPERS.join('、')}（例如 {{{part 6}}}）`, file, at);
  }
  if (unknownHelper) {
    return new TemplateError(`模板“${name}”：没有辅助函数“${unknownHelper[1]}”`, `可用的辅助函数：${HELPERS.join('、')}，以及 if、unless、each、with`, file, at);
  }
  const parse = /^Parse error on line (\d+):/.exec(message);
  if (parse) {
    const atEnd = /got 'EOF'/.test(e.message ?? '');
    return new TemplateError(
      `模板“${name}”第 ${parse[1]} 行有语法错误${atEnd ? '：到文件结尾还有没结束的 {{ }} 或 {{#…}} 块' : ''}`,
      '检查 {{ }} 是否成对、块 {{#…}} 是否用 {{/…}} 结束',
      file,
      { line: Number(parse[1]), column: 1 },
    );
  }
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch) return new TemplateError(`模板“${name}”：块 {{#${mismatch[1]}}} 与 {{/${mismatch[2]}}} 不配对`, '每个 {{#名称}} 块要用同名的 {{/名称}} 结束', file, at);
  const clean = message.replace(/ - \d+:\d+$/, '');
  return new TemplateError(`模板“${name}”有错：${clean}`, '检查 {{ }} 是否成对、块 {{#…}} 是否用 {{/…}} 结束', file, at);
}

/** Children of an AST node (programs, statements, parameters). */
function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const key of ['body', 'program', 'inverse', 'params', 'path']) {
    const value = node[key];
    if (Array.isArray(value)) out.push(...(value as AstNode[]));
    else if (value && typeof value === 'object' && 'type' in value) out.push(value as AstNode);
  }
  if (node.hash && typeof node.hash === 'object') out.push(...(((node.hash as { pairs?: { value: AstNode }[] }).pairs ?? []).map((p) => p.value)));
  return out;
}

function walkAst(node: AstNode, visit: (node: AstNode, inline: string | undefined) => void, inline?: string): void {
  visit(node, inline);
  const name = node.type === 'DecoratorBlock' ? inlineName(node) : undefined;
  for (const child of children(node)) walkAst(child, visit, name ?? inline);
}

function inlineName(node: AstNode): string | undefined {
  const path = node.path as { original?: unknown } | undefined;
  const first = (node.params as AstNode[] | undefined)?.[0] as { value?: unknown } | undefined;
  return path?.original === 'inline' && typeof first?.value === 'string' ? first.value : undefined;
}

/**
 * Partials: only the template's own inline partials (`{{#*inline "x"}}`), and none that calls
 * itself, directly or through another (Handlebars would recurse until the stack overflows).
 */
function checkPartials(ast: AstNode, name: string, file: string): void {
  const defined = new Set<string>();
  walkAst(ast, (node) => {
    if (node.type === 'DecoratorBlock' || node.type === 'Decorator') {
      const inline = node.type === 'DecoratorBlock' ? inlineName(node) : undefined;
      if (inline === undefined) throw new TemplateError(`模板“${name}”：不支持这个修饰器（decorator）`, '只能用 {{#*inline "名称"}}…{{/inline}} 定义局部模板', file, positionOf(node.loc));
      defined.add(inline);
    }
  });
  const calls = new Map<string, { callee: string; loc: Loc | undefined }[]>();
  walkAst(ast, (node, inside) => {
    if (node.type !== 'PartialStatement' && node.type !== 'PartialBlockStatement') return;
    const target = node.name as { type?: string; original?: unknown; value?: unknown } | undefined;
    const callee = target?.type === 'PathExpression' ? target.original : target?.type === 'StringLiteral' ? target.value : undefined;
    if (typeof callee !== 'string' || !defined.has(callee)) {
      const shown = typeof callee === 'string' ? `“${callee}”` : '（动态名称）';
      throw new TemplateError(`模板“${name}”：没有局部模板${shown}`, '局部模板（{{> 名称}}）只能是本模板里用 {{#*inline "名称"}} 定义的', file, positionOf(node.loc));
    }
    const list = calls.get(inside ?? '') ?? [];
    list.push({ callee, loc: node.loc });
    calls.set(inside ?? '', list);
  });
  // A call from inline partial A that leads back to A.
  const reaches = (from: string, to: string, seen: Set<string>): boolean =>
    (calls.get(from) ?? []).some((c) => c.callee === to || (!seen.has(c.callee) && (seen.add(c.callee), reaches(c.callee, to, seen))));
  for (const [caller, list] of calls) {
    if (caller === '') continue;
    for (const call of list) {
      if (call.callee === caller || reaches(call.callee, caller, new Set([call.callee]))) {
        throw new TemplateError(`模板“${name}”：局部模板“${caller}”调用了自己（无限递归）`, '局部模板里不能直接或间接地再调用它自己', file, positionOf(call.loc));
      }
    }
  }
}

/** Compiles a template once; the result renders any number of reports. `file` is its path. */
export function compileTemplate(source: string, name: string, file = name): CompiledTemplate {
  const handlebars = Handlebars.create();
  const origins: Origin[] = [];
  const mark = (text: string, origin: Origin): string => {
    origins.push(origin);
    return `${OPEN}${origins.length - 1}${SEP}${text.replace(MARK_CHARS, (c) => ESC + c)}${CLOSE}`;
  };
  let current: { report: Report; mark: typeof mark } | undefined;
  const render = () => {
    if (!current) throw new Error('template helper called outside a render');
    return current;
  };
  const at = (options: { loc?: Loc } | undefined): Origin => ({ file, position: positionOf(options?.loc), walk: false });
  handlebars.registerHelper('heading', (n: number, options: { loc?: Loc }) => {
    const part = PARTS[Number(n) - 1];
    if (!part) throw new TemplateError(`模板“${name}”：heading ${n} 不存在`, '部分的编号只有 1–6', file, positionOf(options?.loc));
    return render().mark(`${part.number}、${part.title}`, at(options));
  });
  handlebars.registerHelper('part', (n: number, options: { loc?: Loc }) => {
    const index = Number(n) - 1;
    if (!PARTS[index]) throw new TemplateError(`模板“${name}”：part ${n} 不存在`, '部分的编号只有 1–6', file, positionOf(options?.loc));
    const { report, mark: m } = render();
    const part = report.narrative.parts[index];
    if (!part) return '';
    const printed = trimmedAt(part.markdown, { line: part.startLine, column: 1 });
    return m(printed.text, { file: report.file, position: printed.position, walk: true, what: `part ${index + 1}` });
  });
  handlebars.registerHelper('table', (key: string, options: { loc?: Loc }) => {
    const { report, mark: m } = render();
    const id = TABLE_IDS.find((t) => report.tables[t].def.key === key || t === key);
    if (!id) throw new TemplateError(`模板“${name}”：没有统计表“${key}”`, `可用：${TABLE_IDS.map((t) => report.tables[t].def.key).join('、')}`, file, positionOf(options?.loc));
    return m(formatGrid(tableGrid(report.tables[id])), { ...at(options), what: `table ${id}` });
  });

  let parsed: ReturnType<typeof handlebars.parse>;
  try {
    parsed = handlebars.parse(source);
  } catch (error) {
    throw handlebarsError(name, file, error);
  }
  checkPartials(parsed as unknown as AstNode, name, file);
  // Template text is marked with its own line:column. Handlebars strips the whitespace around
  // standalone tags from `value`, so `value` is `original` less some leading whitespace.
  walkAst(parsed as unknown as AstNode, (node) => {
    if (node.type !== 'ContentStatement') return;
    const content = node as unknown as { value: string; original: string; loc?: Loc };
    if (content.value === '') return;
    const firstInk = content.value.search(/\S/);
    const lead = firstInk < 0 ? 0 : content.original.search(/\S/) - firstInk;
    const start = advance(positionOf(content.loc), content.original.slice(0, Math.max(0, lead)));
    content.value = mark(content.value, { file, position: start, walk: true });
  });
  const templateOrigins = origins.length;
  let template: ReturnType<typeof handlebars.compile>;
  try {
    template = handlebars.compile(parsed, {
      noEscape: true,
      strict: true,
      knownHelpers: Object.fromEntries(HELPERS.map((h) => [h, true])),
      knownHelpersOnly: true,
    });
  } catch (error) {
    throw handlebarsError(name, file, error);
  }
  return (report) => {
    origins.length = templateOrigins;
    current = { report, mark };
    let output: string;
    try {
      const preamble = trimmedAt(report.narrative.preamble.markdown, { line: report.narrative.preamble.startLine, column: 1 });
      const key = (k: string) => report.keyPositions.get(k) ?? { line: 1, column: 1 };
      output = template({
        preamble: mark(preamble.text, { file: report.file, position: preamble.position, walk: true, what: 'preamble' }),
        year: mark(String(report.year), { file: report.file, position: key('年度'), walk: false }),
        agency: mark(report.agency, { file: report.file, position: key('机关'), walk: false }),
        title: mark(report.title, { file: report.file, position: key(report.keyPositions.has('标题') ? '标题' : '机关'), walk: false }),
      });
    } catch (error) {
      throw handlebarsError(name, file, error);
    } finally {
      current = undefined;
    }
    const rendered = unmark(output, origins.slice(), file);
    checkEverythingPrinted(report, rendered.printed, name, file);
    return rendered;
  };
}

/** Takes the marks out: the Markdown, and each character's origin. */
function unmark(output: string, origins: readonly Origin[], file: string): Rendered & { printed: Set<string> } {
  let markdown = '';
  const pieces: number[] = [];
  const offsets: number[] = [];
  const stack: { id: number; offset: number }[] = [];
  const printed = new Set<string>();
  for (let i = 0; i < output.length; i++) {
    let ch = output[i] as string;
    if (ch === OPEN) {
      const sep = output.indexOf(SEP, i);
      const id = Number(output.slice(i + 1, sep));
      stack.push({ id, offset: 0 });
      const what = origins[id]?.what;
      if (what) printed.add(what);
      i = sep;
      continue;
    }
    if (ch === CLOSE) {
      stack.pop();
      continue;
    }
    if (ch === ESC) ch = output[++i] as string;
    const top = stack[stack.length - 1];
    markdown += ch;
    pieces.push(top ? top.id : -1);
    offsets.push(top ? top.offset : 0);
    if (top) top.offset++;
  }
  // The text of each origin as printed, to walk to a character's line:column.
  const texts = new Map<number, string>();
  pieces.forEach((id, index) => {
    if (id >= 0 && offsets[index] === 0 && !texts.has(id)) {
      let end = index;
      while (end < pieces.length && pieces[end] === id && (end === index || (offsets[end] ?? 0) > 0)) end++;
      texts.set(id, markdown.slice(index, end));
    }
  });
  // The last position walked to in each origin's text: preflight asks in reading order, so each
  // walk continues from the previous one (linear in the text, not quadratic).
  const walked = new Map<number, { at: number; position: Position }>();
  return {
    markdown,
    printed,
    originOf: (offset) => {
      const id = pieces[offset] ?? -1;
      const origin = origins[id];
      if (!origin) return { file, position: { line: 1, column: 1 } };
      if (!origin.walk) return { file: origin.file, position: origin.position };
      const target = offsets[offset] ?? 0;
      const last = walked.get(id);
      const from = last && last.at <= target ? last : { at: 0, position: origin.position };
      const position = advance(from.position, (texts.get(id) ?? '').slice(from.at, target));
      walked.set(id, { at: target, position });
      return { file: origin.file, position };
    },
  };
}

/** The source's parts with text, its preamble and its tables must all reach the output. */
function checkEverythingPrinted(report: Report, printed: Set<string>, name: string, file: string): void {
  report.narrative.parts.forEach((part, index) => {
    if (part && part.markdown.trim() !== '' && !printed.has(`part ${index + 1}`)) {
      const title = PARTS[index]?.title ?? '';
      throw new TemplateError(
        `模板“${name}”没有打印第${PARTS[index]?.number ?? index + 1}部分“${title}”的正文（源文件第 ${part.startLine} 行起）`,
        `在模板里加上 {{{part ${index + 1}}}}（注意拼写：变量名写错也会漏印）`,
        file,
        { line: 1, column: 1 },
      );
    }
  });
  if (report.narrative.preamble.markdown.trim() !== '' && !printed.has('preamble')) {
    throw new TemplateError(`模板“${name}”没有打印正文开头（第一个 # 标题之前）的文字`, '在模板里加上 {{{preamble}}}', file, { line: 1, column: 1 });
  }
  for (const id of TABLE_IDS) {
    if (!printed.has(`table ${id}`)) {
      const key = report.tables[id].def.key;
      throw new TemplateError(`模板“${name}”没有打印统计表“${key}”`, `在模板里加上 {{{table "${key}"}}}`, file, { line: 1, column: 1 });
    }
  }
}
