/**
 * Stage: checked report + the template's Markdown → the document tree. One walker over the one
 * markdown-it instance, driven by rules tables as markdown-it's own renderer is: a block rule per
 * token type, an inline rule per inline token type, and a default for any other token that
 * keeps its text (a token nobody foresaw is set as text, never dropped).
 */
import type { Token } from 'markdown-it';
import { formatDate } from '../model/dates.js';
import { colophonLines, signatureText } from '../model/display.js';
import type { Report } from '../model/types.js';
import { readGrid } from '../markdown/grid.js';
import { MarkdownError } from '../markdown/errors.js';
import { HeadingNumbers, withoutTypedNumber } from '../markdown/headings.js';
import { markdown } from '../source/markdown.js';
import { titleLines } from '../text/title.js';
import { align } from './origin.js';
import { type Block, type ColophonBlock, type Document, type FontRole, type Heading, HEADING_FACE, type Origin, type Paragraph, type RedHeader, type Run, type SignatureBlock, type Table } from './types.js';

/** The walk's state: the Markdown, the blocks so far, heading and list counters. */
interface Walk {
  readonly source: string;
  /** Offset of each line's start in the Markdown. */
  readonly lineStarts: readonly number[];
  readonly blocks: Block[];
  readonly numbers: HeadingNumbers;
  /** Open lists, innermost last: the next item's number (0 for a bullet list). */
  readonly lists: number[];
}

type BlockRule = (tokens: readonly Token[], i: number, walk: Walk) => number;

/** Inline state: the face emphasis puts the text in, and where the next text is looked for. */
interface InlineWalk {
  strong: number;
  em: number;
  /** Offset in the Markdown from which the next text is aligned. */
  at: number;
  readonly runs: Run[];
}

type InlineRule = (token: Token, walk: InlineWalk, push: (text: string, origin?: boolean) => void) => void;

const text: InlineRule = (token, _walk, push) => push(token.content, true);

/**
 * Inline tokens. **strong** is set in 黑体 and *em* in 楷体 (the faces a 公文 has for emphasis);
 * a soft break joins the lines (Chinese has no spaces between them); a link keeps its text (the
 * address is not printed: a PDF reader has no use for an unclickable URL); an image its alt text.
 */
const INLINE_RULES: Readonly<Record<string, InlineRule>> = {
  text,
  code_inline: text,
  html_inline: text,
  strong_open: (_t, walk) => void walk.strong++,
  strong_close: (_t, walk) => void (walk.strong = Math.max(0, walk.strong - 1)),
  em_open: (_t, walk) => void walk.em++,
  em_close: (_t, walk) => void (walk.em = Math.max(0, walk.em - 1)),
  softbreak: () => undefined,
  hardbreak: (_t, _walk, push) => push('\n'),
  link_open: () => undefined,
  link_close: () => undefined,
  image: (token, _walk, push) => push(token.children?.map((c) => c.content).join('') ?? token.content, true),
};

/** Any other inline token: its text, if it has any. */
const inlineDefault: InlineRule = (token, _walk, push) => {
  if (token.content) push(token.content, true);
};

/**
 * An inline token's runs in `plain` (the block's face), each with the Markdown offset its text
 * starts at. Adjacent runs in one face are merged: fewer, larger runs for every renderer.
 */
function inlineRuns(inline: Token, plain: FontRole, walk: Walk, from: number): Run[] {
  const state: InlineWalk = { strong: 0, em: 0, at: from, runs: [] };
  for (const child of inline.children ?? []) {
    const push = (value: string, located = false) => {
      if (!value) return;
      const role: FontRole = state.strong > 0 ? '一级标题' : state.em > 0 ? '二级标题' : plain;
      let origin: Origin | undefined;
      if (located) {
        const { offsets, end } = align(walk.source, state.at, value);
        const start = offsets.find((o) => o !== undefined);
        if (start !== undefined) origin = { markdown: start };
        state.at = end;
      }
      const last = state.runs[state.runs.length - 1];
      if (last && last.role === role) state.runs[state.runs.length - 1] = { ...last, text: last.text + value };
      else state.runs.push({ text: value, role, ...(origin ? { origin } : {}) });
    };
    (INLINE_RULES[child.type] ?? inlineDefault)(child, state, push);
  }
  return state.runs;
}

function lineStart(walk: Walk, token: Token): number {
  return walk.lineStarts[token.map?.[0] ?? 0] ?? 0;
}

const heading: BlockRule = (tokens, i, walk) => {
  const open = tokens[i] as Token;
  const inline = tokens[i + 1];
  if (inline?.type !== 'inline') return i + 1;
  const { depth, number } = walk.numbers.next(Number(open.tag.slice(1)));
  const plain = HEADING_FACE[depth as Heading['level']];
  const runs = inlineRuns(inline, plain, walk, lineStart(walk, open));
  // A sub-heading's number is the composer's: a number the clerk typed is dropped (the checker warns).
  const [first, ...rest] = runs;
  const lead = depth > 1 && first && first.role === plain ? { ...first, text: withoutTypedNumber(first.text) } : first;
  const block: Heading = { kind: 'heading', level: depth as Heading['level'], number, runs: [...(lead && lead.text ? [lead] : []), ...rest] };
  walk.blocks.push(block);
  return i + 3;
};

const paragraph: BlockRule = (tokens, i, walk) => {
  const open = tokens[i] as Token;
  const inline = tokens[i + 1];
  if (inline?.type !== 'inline') return i + 1;
  const runs = inlineRuns(inline, '正文', walk, lineStart(walk, open));
  // An item of an ordered list keeps its number, in the PDF, the HTML and the DOCX alike.
  const depth = walk.lists.length;
  const n = walk.lists[depth - 1] ?? 0;
  if (tokens[i - 1]?.type === 'list_item_open' && n > 0) {
    walk.lists[depth - 1] = n + 1;
    const first = runs[0];
    if (first?.role === '正文') runs[0] = { ...first, text: `${n}.${first.text}` };
    else runs.unshift({ text: `${n}.`, role: '正文' });
  }
  if (runs.length > 0) walk.blocks.push({ kind: 'paragraph', runs });
  return i + 3;
};

/** Text that keeps its lines (a code block, raw HTML the narrative holds): set as written. */
function verbatim(walk: Walk, content: string, firstLine: number): void {
  const value = content.replace(/\n+$/, '');
  if (!value.trim()) return;
  const start = walk.lineStarts[firstLine] ?? 0;
  const { offsets } = align(walk.source, start, value.slice(0, 1));
  const block: Paragraph = { kind: 'paragraph', runs: [{ text: value, role: '正文', origin: { markdown: offsets[0] ?? start } }], verbatim: true };
  walk.blocks.push(block);
}

const fence: BlockRule = (tokens, i, walk) => {
  const token = tokens[i] as Token;
  const first = token.map?.[0] ?? 0;
  if (token.info.trim().split(/\s+/)[0] !== 'grid') {
    verbatim(walk, token.content, first + 1);
    return i + 1;
  }
  const read = readGrid(token.info, token.content);
  if ('problem' in read) {
    throw new MarkdownError(read.problem.message, first + 1 + read.problem.line, { info: token.info, content: token.content, problem: read.problem });
  }
  const grid = read.grid;
  // Each row's cells are found from the start of the line it was written on.
  const rowStart = (r: number) => walk.lineStarts[first + (grid.rowLines?.[r] ?? r + 1)] ?? 0;
  const table: Table = {
    kind: 'table',
    ...grid,
    rows: grid.rows.map((row, r) => row.map((cell) => ({ ...cell, origin: { markdown: rowStart(r) } }))),
    line: first,
    written: { info: token.info, content: token.content },
  };
  walk.blocks.push(table);
  return i + 1;
};

const listOpen =
  (start: (token: Token) => number): BlockRule =>
  (tokens, i, walk) => {
    walk.lists.push(start(tokens[i] as Token));
    return i + 1;
  };

const listClose: BlockRule = (_tokens, i, walk) => {
  walk.lists.pop();
  return i + 1;
};

const skip: BlockRule = (_tokens, i) => i + 1;

/**
 * Block tokens. Containers (list items, quotes) draw nothing themselves: their paragraphs do.
 * A thematic break (---) has no text to keep.
 */
const BLOCK_RULES: Readonly<Record<string, BlockRule>> = {
  heading_open: heading,
  paragraph_open: paragraph,
  fence,
  code_block: (tokens, i, walk) => {
    const token = tokens[i] as Token;
    verbatim(walk, token.content, token.map?.[0] ?? 0);
    return i + 1;
  },
  html_block: (tokens, i, walk) => {
    const token = tokens[i] as Token;
    verbatim(walk, token.content, token.map?.[0] ?? 0);
    return i + 1;
  },
  bullet_list_open: listOpen(() => 0),
  ordered_list_open: listOpen((token) => Number(token.attrGet('start') ?? 1)),
  bullet_list_close: listClose,
  ordered_list_close: listClose,
  list_item_open: skip,
  list_item_close: skip,
  blockquote_open: skip,
  blockquote_close: skip,
  hr: skip,
};

/** Any other block token: an `_open`/`_close` wraps blocks that are walked; one with text is set verbatim. */
const blockDefault: BlockRule = (tokens, i, walk) => {
  const token = tokens[i] as Token;
  if (token.nesting === 0 && token.type !== 'inline' && token.content) verbatim(walk, token.content, token.map?.[0] ?? 0);
  else if (token.type === 'inline' && token.content) {
    const runs = inlineRuns(token, '正文', walk, walk.lineStarts[token.map?.[0] ?? 0] ?? 0);
    if (runs.length > 0) walk.blocks.push({ kind: 'paragraph', runs });
  }
  return i + 1;
};

/** The template's Markdown → body blocks. */
export function composeBody(source: string): Block[] {
  return composeTokens(markdown.parse(source, {}), source);
}

/** Tokens of `source` (markdown-it's, or a plugin's) → body blocks. */
export function composeTokens(tokens: readonly Token[], source: string): Block[] {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const walk: Walk = { source, lineStarts, blocks: [], numbers: new HeadingNumbers(), lists: [] };
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as Token;
    i = (BLOCK_RULES[token.type] ?? blockDefault)(tokens, i, walk);
  }
  return walk.blocks;
}

/** A front-matter value, as a run at its key. */
function valueRun(report: Report, text: string, role: FontRole, key: string): Run {
  return { text, role, origin: { file: report.file, position: report.keyPositions.get(key) ?? { line: 1, column: 1 } } };
}

function redHeader(report: Report): RedHeader | undefined {
  const header = report.redHeader;
  if (!header) return undefined;
  const at = (key: string) => ({ file: report.file, position: report.keyPositions.get(key) ?? { line: 1, column: 1 } });
  return {
    issuerMark: { text: header.issuerMark, role: '发文机关标志', origin: at('版头') },
    ...(header.documentNumber
      ? { documentNumber: { text: header.documentNumber.value, role: '正文', origin: { file: report.file, position: header.documentNumber.position } } as Run }
      : {}),
    signers: header.signers.map((name) => ({ text: name, role: '二级标题', origin: at('版头') })),
  };
}

function signatureBlock(report: Report): SignatureBlock | undefined {
  const signature = signatureText(report);
  const date = report.date ? formatDate(report.date) : undefined;
  if (!signature && !date) return undefined;
  return {
    ...(signature ? { signature: valueRun(report, signature, '正文', report.signature ? '署名' : '机关') } : {}),
    ...(date ? { date: valueRun(report, date, '正文', '成文日期') } : {}),
  };
}

function colophonBlock(report: Report): ColophonBlock | undefined {
  const lines = colophonLines(report.colophon);
  if (!lines) return undefined;
  const run = (text: string) => valueRun(report, text, '正文', '版记');
  return {
    ...(lines.copyTo ? { copyTo: run(lines.copyTo) } : {}),
    ...(lines.printer || lines.printDate ? { printLine: { printer: run(lines.printer), printDate: run(lines.printDate) } } : {}),
  };
}

/** The whole document: the report's metadata around the body the template wrote. */
export function compose(report: Report, templateMarkdown: string): Document {
  const titleKey = report.keyPositions.has('标题') ? '标题' : '机关';
  const signature = signatureBlock(report);
  const colophon = colophonBlock(report);
  const header = redHeader(report);
  return {
    info: {
      title: report.title,
      author: report.signature ?? report.agency,
      subject: `${report.year}年政府信息公开工作年度报告`,
      keywords: '政府信息公开 年度报告',
      language: 'zh-CN',
    },
    ...(header ? { redHeader: header } : {}),
    title: titleLines(report.title).map((line) => valueRun(report, line, '标题', titleKey)),
    ...(report.recipient ? { recipient: valueRun(report, `${report.recipient}：`, '正文', '主送机关') } : {}),
    body: composeBody(templateMarkdown),
    ...(signature ? { signature } : {}),
    ...(colophon ? { colophon } : {}),
  };
}
