/**
 * Glyph preflight: every character is checked against the font of its role before rendering.
 * pdfmake would otherwise draw an empty box, silently, for a character the font lacks.
 */
import type { Diagnostic, Position } from '../diagnostics/types.js';
import path from 'node:path';
import { colophonLines, signatureText } from '../model/display.js';
import type { Report } from '../model/types.js';
import type { FontRole } from './roles.js';

export interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

interface Piece {
  readonly role: FontRole;
  readonly text: string;
  readonly position: Position;
}

/** Characters that never reach a font: layout whitespace and Markdown syntax. */
function ignorable(ch: string): boolean {
  return /\s/.test(ch) || ch === '\u00a0';
}

function narrativePieces(report: Report): Piece[] {
  const pieces: Piece[] = [];
  const sections = [report.narrative.preamble, ...report.narrative.parts.filter((p) => p !== undefined)];
  for (const section of sections) {
    section.markdown.split('\n').forEach((line, index) => {
      const heading = /^(#{2,6})\s/.exec(line);
      const plain: FontRole = heading && heading[1] === '##' ? '二级标题' : '正文';
      const at = (column: number) => ({ line: section.startLine + index, column });
      // **strong** is drawn in the 黑体 of 一级标题 and *em* in the 楷体 of 二级标题 (build/index.ts).
      let last = 0;
      for (const run of line.matchAll(/\*\*([^*]+)\*\*|\*([^*]+)\*/g)) {
        const start = run.index ?? 0;
        pieces.push({ role: plain, text: line.slice(last, start), position: at(last + 1) });
        const strong = run[1] !== undefined;
        pieces.push({ role: strong ? '一级标题' : '二级标题', text: run[1] ?? run[2] ?? '', position: at(start + (strong ? 3 : 2)) });
        last = start + run[0].length;
      }
      pieces.push({ role: plain, text: line.slice(last), position: at(last + 1) });
    });
  }
  return pieces;
}

function metadataPieces(report: Report): Piece[] {
  const at = (key: string): Position => report.keyPositions.get(key) ?? { line: 1, column: 1 };
  const pieces: Piece[] = [{ role: '标题', text: report.title, position: at(report.keyPositions.has('标题') ? '标题' : '机关') }];
  if (report.redHeader) {
    pieces.push({ role: '发文机关标志', text: report.redHeader.issuerMark, position: at('版头') });
    if (report.redHeader.documentNumber) pieces.push({ role: '正文', text: report.redHeader.documentNumber.value, position: report.redHeader.documentNumber.position });
    for (const name of report.redHeader.signers) pieces.push({ role: '二级标题', text: name, position: at('版头') });
  }
  if (report.recipient) pieces.push({ role: '正文', text: report.recipient, position: at('主送机关') });
  const signature = signatureText(report);
  if (signature) pieces.push({ role: '正文', text: signature, position: at(report.signature ? '署名' : '机关') });
  const colophon = colophonLines(report.colophon);
  if (colophon) {
    pieces.push({ role: '正文', text: [colophon.copyTo ?? '', colophon.printer, colophon.printDate].join(''), position: at('版记') });
  }
  return pieces;
}

/** One error per distinct missing character and role, at its first occurrence. */
export function preflightGlyphs(report: Report, fonts: Readonly<Record<FontRole, { readonly file: string; readonly font: GlyphSource }>>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const piece of [...metadataPieces(report), ...narrativePieces(report)]) {
    const font = fonts[piece.role];
    let column = piece.position.column;
    for (const ch of piece.text) {
      const codePoint = ch.codePointAt(0) ?? 0;
      if (!ignorable(ch) && !font.font.hasGlyphForCodePoint(codePoint) && !seen.has(`${piece.role}${ch}`)) {
        seen.add(`${piece.role}${ch}`);
        const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
        diagnostics.push({
          file: report.file,
          position: { line: piece.position.line, column },
          severity: 'error',
          code: 'missing-glyph',
          message: `字符“${ch}”（U+${hex}）不在“${piece.role}”的字体 ${path.basename(font.file)} 中`,
          hint: '在前置数据的“字体:”下为这个角色指定含有该字的字体文件，或把字体文件放在报告旁边；也可以改用常用字',
        });
      }
      column += ch.length;
    }
  }
  return diagnostics;
}
