/**
 * Stage 1: source text → ParsedSource. Splits the `---` front matter from the Markdown body and
 * parses both, keeping every position. Pure: no file access.
 */
import { markdown } from './markdown.js';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Body, FrontMatter, ParsedSource } from './types.js';
import { yamlPosition } from './types.js';
import { resolveAliases } from './aliases.js';
import { explainYamlError } from './yaml-errors.js';

const FENCE = /^---[ \t]*$/;
const CLOSING = /^(---|\.\.\.)[ \t]*$/;

export function parseMarkdown(text: string, startLine: number): Body {
  return { text, startLine, tokens: markdown.parse(text, {}) };
}

export function parseSource(file: string, input: string): ParsedSource {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const lines = text.split(/\r?\n/);
  const diagnostics: Diagnostic[] = [];
  if (!FENCE.test(lines[0] ?? '')) {
    diagnostics.push({
      file,
      position: { line: 1, column: 1 },
      severity: 'error',
      code: 'front-matter-missing',
      message: '文件开头没有前置数据（以“---”开头的 YAML）',
      hint: '第一行写“---”，接着写年度、机关和三张统计表，再写一行“---”，然后是正文。运行 nianbao init 可生成模板',
    });
    return { file, text, frontMatter: undefined, body: parseMarkdown(text, 1), diagnostics };
  }
  const closing = lines.findIndex((line, index) => index > 0 && CLOSING.test(line));
  if (closing < 0) {
    diagnostics.push({
      file,
      position: { line: 1, column: 1 },
      severity: 'error',
      code: 'front-matter-unclosed',
      message: '前置数据从第 1 行的“---”开始，但没有结束的“---”',
      hint: '在统计数据之后、正文之前单独写一行“---”',
    });
    return {
      file,
      text,
      frontMatter: undefined,
      body: parseMarkdown('', lines.length + 1),
      diagnostics,
    };
  }
  const yamlText = lines.slice(1, closing).join('\n');
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const frontMatter: FrontMatter = { text: yamlText, startLine: 2, document, lineCounter };
  // Only the first YAML error: the parser's later ones are mostly consequences of it.
  for (const error of document.errors.slice(0, 1)) {
    const offset = errorOffset(yamlText, error.code, error.pos[0]);
    const position = yamlPosition(frontMatter, offset);
    const explained = explainYamlError(error, lines[position.line - 1] ?? '');
    diagnostics.push({
      file,
      position,
      severity: 'error',
      code: 'yaml-syntax',
      ...explained,
    });
  }
  if (document.errors.length === 0) {
    for (const problem of resolveAliases(document)) {
      diagnostics.push({
        file,
        position: yamlPosition(frontMatter, problem.offset),
        severity: 'error',
        ...(problem.kind === 'merge-key'
          ? {
              code: 'yaml-unsupported',
              message: 'YAML 合并键“<<”不能用在年报源文件里',
              hint: '把要合并的各项直接写在这一层',
            }
          : {
              code: 'yaml-syntax',
              message: `别名“${problem.source}”前面没有对应的锚点“&${problem.source.slice(1)}”`,
              hint: '在前面要引用的值前写上锚点，或者直接写出这个值；值本身以 * 开头时请加引号',
            }),
      });
    }
    // A tag the YAML parser does not know (`!foo 3`) is ignored: say so, once.
    const tag = document.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (tag) {
      const name = /Unresolved tag: (\S+)/.exec(tag.message)?.[1] ?? '';
      diagnostics.push({
        file,
        position: yamlPosition(frontMatter, tag.pos[0]),
        severity: 'warning',
        code: 'yaml-unsupported',
        message: `YAML 标签“${name}”无法识别，已忽略，按普通文字读取`,
        hint: '删去这个标签',
      });
    }
  }
  const bodyStart = closing + 2;
  const body = parseMarkdown(lines.slice(closing + 1).join('\n'), bodyStart);
  return { file, text, frontMatter, body, diagnostics };
}

/** An unclosed quote is reported at the end of the text; point at the opening quote instead. */
function errorOffset(text: string, code: string, offset: number): number {
  if (code !== 'MISSING_CHAR') return Math.min(offset, text.length);
  const before = text.slice(0, offset);
  const opening = Math.max(before.lastIndexOf(': "'), before.lastIndexOf(": '"));
  return opening >= 0 ? opening + 2 : Math.min(offset, text.length);
}
