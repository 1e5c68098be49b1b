/**
 * Sizes of the narrative that `check` bounds, with the reasons. The work of laying out a
 * paragraph is linear in its length (a 200,000-character paragraph, ~350 pages, builds in about
 * 2 s and 150 MB), so paragraph length needs no limit. Two things do:
 *
 * - the 标题: GB/T 9704 titles take one to three lines; more than TITLE_MAX_LINES is an error;
 * - nesting: markdown-it stops reading a list or quote nested 10 (quotes: 21) deep and drops the
 *   rest without a word, so more than NESTING_MAX levels of lists and quotes is an error. Real
 *   reports use one or two.
 */
import { sectionTokens } from '../source/markdown.js';
import type { Diagnostic, Position } from '../diagnostics/types.js';
import { TITLE_LINE_EM, TITLE_MAX_LINES, titleFitsLines } from '../text/title.js';
import type { Report } from '../model/types.js';

export const NESTING_MAX = 6;

const CONTAINERS = new Set(['blockquote_open', 'bullet_list_open', 'ordered_list_open']);
const CLOSERS = new Set(['blockquote_close', 'bullet_list_close', 'ordered_list_close']);

export function checkLimits(report: Report): Diagnostic[] {
  return [...checkTitle(report), ...checkNesting(report)];
}

function checkTitle(report: Report): Diagnostic[] {
  // The title is the 标题 if given, else made from the 机关.
  const position = report.keyPositions.get('标题') ?? report.keyPositions.get('机关') ?? { line: 1, column: 1 };
  if (titleFitsLines(report.title)) return [];
  const count = [...report.title].length;
  return [
    {
      file: report.file,
      position,
      severity: 'error',
      code: 'title-too-long',
      message: `标题有 ${count} 个字，排成 2号字超过 ${TITLE_MAX_LINES} 行（每行最多 ${TITLE_LINE_EM} 个字）`,
      hint: report.keyPositions.has('标题')
        ? `GB/T 9704 的标题一般排一到三行：请精简“标题”，例如“机关名称 + 年度 + 年政府信息公开工作年度报告”`
        : `标题由“机关”生成，机关名称太长：请核对“机关”，或另写一个简短的“标题”`,
    },
  ];
}

/** The first list or quote nested deeper than NESTING_MAX in each part, at its line. */
function checkNesting(report: Report): Diagnostic[] {
  const sections = [report.narrative.preamble, ...report.narrative.parts];
  const diagnostics: Diagnostic[] = [];
  for (const section of sections) {
    if (!section) continue;
    const sourceLines = section.markdown.split(/\r?\n/);
    let depth = 0;
    for (const token of sectionTokens(section)) {
      if (CLOSERS.has(token.type)) depth--;
      if (!CONTAINERS.has(token.type)) continue;
      depth++;
      if (depth <= NESTING_MAX) continue;
      const line = token.map?.[0] ?? 0;
      const text = sourceLines[line] ?? '';
      const position: Position = { line: section.startLine + line, column: text.length - text.trimStart().length + 1 };
      diagnostics.push({
        file: report.file,
        position,
        severity: 'error',
        code: 'nesting-too-deep',
        message: `列表或引用嵌套了 ${depth} 层，最多 ${NESTING_MAX} 层`,
        hint: '年度报告的正文一般只用一两层列表：把深层的内容提到上一层，或写成段落（嵌套过深的内容会排不出来）',
      });
      break;
    }
  }
  return diagnostics;
}
