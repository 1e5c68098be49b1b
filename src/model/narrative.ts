/**
 * The narrative: `#` headings name the six parts; `##`/`###`/`####` are sub-levels that the
 * template numbers （一）/1./（1）. The clerk types neither the numbering nor the fixed headings.
 */
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Diagnostic, Position } from '../diagnostics/types.js';
import type { Body, MarkdownToken } from '../source/types.js';
import { PARTS } from '../tables/definitions.js';
import type { Narrative, NarrativeBlock, Part } from './types.js';

/** Ordinals a clerk may have typed in front of a heading: 一、 （一） (一) 1. 1、 （1）. */
const TYPED_ORDINAL =
  /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])\s*/;

export function stripOrdinal(text: string): { text: string; stripped: boolean } {
  const match = TYPED_ORDINAL.exec(text);
  return match
    ? { text: text.slice(match[0].length).trim(), stripped: true }
    : { text: text.trim(), stripped: false };
}

function normalizeTitle(text: string): string {
  return stripOrdinal(text)
    .text.replace(/[。.：:\s]+$/u, '')
    .replace(/其它/g, '其他');
}

export function partNumberOf(title: string): number | undefined {
  const normalized = normalizeTitle(title);
  const index = PARTS.findIndex(
    (p) => p.title === normalized || (p.aliases as readonly string[]).includes(normalized),
  );
  return index >= 0 ? index + 1 : undefined;
}

export function buildNarrative(
  file: string,
  body: Body,
): { narrative: Narrative; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lines = body.text.split(/\r?\n/);
  const lineOf = (token: MarkdownToken) => (token.map ? token.map[0] : 0);
  const positionOf = (bodyLine: number, text: string): Position => {
    const line = lines[bodyLine] ?? '';
    const index = text ? line.indexOf(text.slice(0, 8)) : -1;
    return { line: body.startLine + bodyLine, column: index >= 0 ? index + 1 : 1 };
  };

  type Heading = { number: number; heading: string; position: Position; bodyLine: number };
  const headings: Heading[] = [];
  const blocks: { bodyLine: number; block: NarrativeBlock }[] = [];
  const tokens = body.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as MarkdownToken;
    const inline = tokens[i + 1];
    if (token.type === 'heading_open' && inline?.type === 'inline') {
      const level = Number(token.tag.slice(1));
      const text = inline.content;
      const bodyLine = lineOf(token);
      const position = positionOf(bodyLine, text);
      if (level === 1) {
        const number = partNumberOf(text);
        if (number === undefined) {
          const titles = PARTS.map((p) => p.title);
          const guess = didYouMean(normalizeTitle(text), titles);
          diagnostics.push({
            file,
            position,
            severity: 'error',
            code: 'part-unknown',
            message: `一级标题“${text}”不是年度报告的六个部分之一`,
            hint: guess
              ? `是不是“${guess}”？`
              : `一级标题（#）只能是：${titles.join('、')}；小标题用 ## 或 ###`,
          });
        } else {
          headings.push({ number, heading: text, position, bodyLine });
        }
      } else {
        const { text: plain, stripped } = stripOrdinal(text);
        if (stripped) {
          diagnostics.push({
            file,
            position,
            severity: 'warning',
            code: 'heading-numbered',
            message: `标题“${text}”自带了序号`,
            hint: `序号由模板按层级生成：写成“${'#'.repeat(level)} ${plain}”`,
          });
        }
        blocks.push({ bodyLine, block: { kind: 'heading', level, text: plain, position } });
      }
    } else if (token.type === 'inline' && tokens[i - 1]?.type === 'paragraph_open') {
      const bodyLine = lineOf(tokens[i - 1] as MarkdownToken);
      const inList = tokens[i - 2]?.type === 'list_item_open';
      blocks.push({
        bodyLine,
        block: {
          kind: inList ? 'list-item' : 'paragraph',
          text: token.content,
          position: positionOf(bodyLine, token.content),
        },
      });
    } else if (
      token.nesting !== -1 &&
      token.block &&
      ['fence', 'code_block', 'html_block', 'table_open', 'blockquote_open'].includes(token.type)
    ) {
      blocks.push({
        bodyLine: lineOf(token),
        block: { kind: 'other', text: token.content, position: positionOf(lineOf(token), '') },
      });
    }
  }

  const parts: (Part | undefined)[] = PARTS.map(() => undefined);
  let previous = 0;
  headings.forEach((heading, index) => {
    const end = headings[index + 1]?.bodyLine ?? lines.length;
    if (parts[heading.number - 1]) {
      diagnostics.push({
        file,
        position: heading.position,
        severity: 'error',
        code: 'part-duplicate',
        message: `第${PARTS[heading.number - 1]?.number}部分“${PARTS[heading.number - 1]?.title}”出现了两次`,
        hint: '每个部分只写一个一级标题：把两处内容合在一起',
      });
      return;
    }
    if (heading.number < previous) {
      diagnostics.push({
        file,
        position: heading.position,
        severity: 'error',
        code: 'part-order',
        message: `第${PARTS[heading.number - 1]?.number}部分“${PARTS[heading.number - 1]?.title}”写在了第${PARTS[previous - 1]?.number}部分之后`,
        hint: '六个部分按 一 至 六 的顺序写',
      });
    }
    previous = Math.max(previous, heading.number);
    parts[heading.number - 1] = {
      number: heading.number,
      heading: heading.heading,
      position: heading.position,
      markdown: lines.slice(heading.bodyLine + 1, end).join('\n'),
      startLine: body.startLine + heading.bodyLine + 1,
      blocks: blocks
        .filter((b) => b.bodyLine > heading.bodyLine && b.bodyLine < end)
        .map((b) => b.block),
    };
  });
  const firstPart = headings[0]?.bodyLine ?? lines.length;
  const preamble = {
    markdown: lines.slice(0, firstPart).join('\n'),
    startLine: body.startLine,
    blocks: blocks.filter((b) => b.bodyLine < firstPart).map((b) => b.block),
  };
  return { narrative: { preamble, parts }, diagnostics };
}
