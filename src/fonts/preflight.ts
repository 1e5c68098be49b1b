/**
 * Glyph preflight: every character that will be drawn is checked against the font of its role
 * before rendering. pdfmake would otherwise draw an empty box, silently, for a character the
 * font lacks.
 *
 * What is checked is what is drawn: the pdfmake document (after the template, and after
 * Markdown has decoded `&#x8D5F;` and `\*`), each text with the font its style resolves to, plus
 * the footer's page numbers and 版记. Where a missing character is reported is found separately:
 * in the template's Markdown, token by token (entities decoded with their place kept), traced
 * through the template's origin map to the source's line:column, or the template's when the
 * template wrote it; and in the front matter for the title, 版头, 署名 and 版记.
 */
import { markdown } from '../source/markdown.js';
import type { Token } from 'markdown-it';
import path from 'node:path';
import type { Diagnostic, Position } from '../diagnostics/types.js';
import { formatDate } from '../model/dates.js';
import { colophonLines, signatureText } from '../model/display.js';
import type { Report } from '../model/types.js';
import type { Rendered } from '../template/render.js';
import type { FontRole } from './roles.js';

export interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

type Style = 'normal' | 'bold' | 'italics';
/** The pdfmake font families and the role behind each of their styles (build/index.ts). */
export type FamilyRoles = Readonly<Record<string, Readonly<Partial<Record<Style, FontRole>>>>>;

interface Located {
  readonly file: string;
  readonly position: Position;
}

/** Characters that never reach a font: layout whitespace. */
function ignorable(ch: string): boolean {
  return /\s/.test(ch) || ch === '\u00a0';
}

// ---- What is drawn -------------------------------------------------------------------------

type Node = Record<string, unknown>;
interface Inherited {
  readonly font: string;
  readonly bold: boolean;
  readonly italics: boolean;
}

/** Every (role, text) the document draws, styles resolved as pdfmake resolves them. */
function drawnTexts(definition: Node, families: FamilyRoles): { role: FontRole; text: string }[] {
  const styles = (definition.styles ?? {}) as Record<string, Node>;
  const out: { role: FontRole; text: string }[] = [];
  const roleOf = (s: Inherited): FontRole | undefined => {
    const family = families[s.font];
    if (!family) return undefined;
    return (s.bold ? family.bold : s.italics ? family.italics : undefined) ?? family.normal;
  };
  const apply = (node: Node, s: Inherited): Inherited => {
    let next = s;
    const names = Array.isArray(node.style) ? node.style : node.style === undefined ? [] : [node.style];
    for (const layer of [...names.map((n) => styles[String(n)] ?? {}), node]) {
      next = {
        font: typeof layer.font === 'string' ? layer.font : next.font,
        bold: typeof layer.bold === 'boolean' ? layer.bold : next.bold,
        italics: typeof layer.italics === 'boolean' ? layer.italics : next.italics,
      };
    }
    return next;
  };
  const visit = (value: unknown, s: Inherited): void => {
    if (typeof value === 'string' || typeof value === 'number') {
      const role = roleOf(s);
      if (role) out.push({ role, text: String(value) });
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, s);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    const inner = apply(node, s);
    for (const key of ['text', 'stack', 'columns', 'ul', 'ol']) if (key in node) visit(node[key], inner);
    const table = node.table as { body?: unknown } | undefined;
    if (table?.body) visit(table.body, inner);
  };
  const base = (definition.defaultStyle ?? {}) as Node;
  visit(definition.content, { font: typeof base.font === 'string' ? base.font : 'Roboto', bold: base.bold === true, italics: base.italics === true });
  return out;
}

// ---- Where it was written ------------------------------------------------------------------

const ENTITY = /^&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * The offset in `raw` of each code point of `text` (its decoded form), from `from` on: Markdown
 * syntax between them is skipped, an entity or a backslash escape stands for what it decodes to.
 */
function align(raw: string, from: number, text: string): { offsets: (number | undefined)[]; end: number } {
  const offsets: (number | undefined)[] = [];
  let p = from;
  for (const ch of text) {
    let found: number | undefined;
    for (let q = p; q < raw.length; q++) {
      const entity = raw[q] === '&' ? ENTITY.exec(raw.slice(q, q + 40)) : null;
      if (entity && markdown.utils.unescapeAll(entity[0]) === ch) {
        found = q;
        p = q + entity[0].length;
        break;
      }
      if (raw.startsWith(ch, q)) {
        found = q;
        p = q + ch.length;
        break;
      }
    }
    offsets.push(found);
  }
  return { offsets, end: p };
}

/** (role, character) → where it first occurs, and character → where it first occurs at all. */
class Places {
  readonly byRole = new Map<string, Located>();
  readonly byChar = new Map<string, Located>();
  add(role: FontRole, ch: string, at: Located): void {
    if (!this.byRole.has(`${role}${ch}`)) this.byRole.set(`${role}${ch}`, at);
    if (!this.byChar.has(ch)) this.byChar.set(ch, at);
  }
  addText(role: FontRole, text: string, at: (index: number) => Located | undefined): void {
    let index = 0;
    for (const ch of text) {
      // Only a first occurrence needs its place (finding one walks the text).
      if (!ignorable(ch) && !(this.byRole.has(`${role}${ch}`) && this.byChar.has(ch))) {
        const place = at(index);
        if (place) this.add(role, ch, place);
      }
      index += ch.length;
    }
  }
}

/** The template's Markdown, block by block, each character traced to where it was written. */
function markdownPlaces(rendered: Rendered, places: Places): void {
  const text = rendered.markdown;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lines = text.split('\n');
  const origin = (line: number, column: number): Located | undefined => {
    const start = lineStarts[line];
    return start === undefined ? undefined : rendered.originOf(start + column);
  };
  const tokens = markdown.parse(text, {});
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const inline = tokens[i + 1];
    const first = token.map?.[0] ?? 0;
    if ((token.type === 'fence' || token.type === 'code_block') && token.map) {
      // Grid cells and code are drawn in the body face, from their lines as written.
      for (let line = first; line < token.map[1]; line++) places.addText('正文', lines[line] ?? '', (col) => origin(line, col));
      continue;
    }
    if (inline?.type !== 'inline' || (token.type !== 'heading_open' && token.type !== 'paragraph_open')) continue;
    const level = token.type === 'heading_open' ? Number(token.tag.slice(1)) : 0;
    const plain: FontRole = level === 1 ? '一级标题' : level === 2 ? '二级标题' : '正文';
    // Where each line of the inline content starts in the Markdown (block indentation stripped).
    const rawLines = inline.content.split('\n');
    const rawStarts: { line: number; column: number; offset: number }[] = [];
    let offset = 0;
    rawLines.forEach((raw, k) => {
      const whole = lines[first + k] ?? '';
      const column = raw.trim() === '' ? 0 : Math.max(0, whole.indexOf(raw.trimStart()) - (raw.length - raw.trimStart().length));
      rawStarts.push({ line: first + k, column, offset });
      offset += raw.length + 1;
    });
    const at = (rawOffset: number | undefined): Located | undefined => {
      if (rawOffset === undefined) return undefined;
      let k = rawStarts.length - 1;
      while (k > 0 && (rawStarts[k]?.offset ?? 0) > rawOffset) k--;
      const start = rawStarts[k];
      return start ? origin(start.line, start.column + rawOffset - start.offset) : undefined;
    };
    let bold = false;
    let italics = false;
    let p = 0;
    for (const child of inline.children ?? []) {
      if (child.type === 'strong_open' || child.type === 'strong_close') bold = child.type === 'strong_open';
      else if (child.type === 'em_open' || child.type === 'em_close') italics = child.type === 'em_open';
      else if (child.type === 'text' || child.type === 'code_inline' || child.type === 'html_inline') {
        const role: FontRole = bold ? '一级标题' : italics ? '二级标题' : plain;
        const { offsets, end } = align(inline.content, p, child.content);
        p = end;
        let index = 0;
        for (const ch of child.content) {
          const place = at(offsets[index++]);
          if (place && !ignorable(ch)) places.add(role, ch, place);
        }
      }
    }
    // A level-1 heading is drawn as written (to-pdfmake takes its raw text).
    if (level === 1) places.addText(plain, inline.content, (col) => at(col));
  }
}

/** The front matter's texts that the page layout draws, at their keys. */
function metadataPlaces(report: Report, places: Places): { role: FontRole; text: string }[] {
  const file = report.file;
  const at = (key: string): Located => ({ file, position: report.keyPositions.get(key) ?? { line: 1, column: 1 } });
  const drawn: { role: FontRole; text: string }[] = [];
  const piece = (role: FontRole, text: string, where: Located) => places.addText(role, text, () => where);
  piece('标题', report.title, at(report.keyPositions.has('标题') ? '标题' : '机关'));
  if (report.redHeader) {
    piece('发文机关标志', report.redHeader.issuerMark, at('版头'));
    if (report.redHeader.documentNumber) piece('正文', report.redHeader.documentNumber.value, { file, position: report.redHeader.documentNumber.position });
    for (const name of report.redHeader.signers) piece('二级标题', name, at('版头'));
  }
  if (report.recipient) piece('正文', report.recipient, at('主送机关'));
  const signature = signatureText(report);
  if (signature) piece('正文', signature, at(report.signature ? '署名' : '机关'));
  if (report.date) piece('正文', formatDate(report.date), at('成文日期'));
  // The footer draws the 版记 and the page numbers; they are not in the content.
  const colophon = colophonLines(report.colophon);
  if (colophon) {
    const text = [colophon.copyTo ?? '', colophon.printer, colophon.printDate].join('');
    piece('正文', text, at('版记'));
    drawn.push({ role: '正文', text });
  }
  drawn.push({ role: '页码', text: '— 0123456789 —' });
  return drawn;
}

export interface PreflightInput {
  readonly report: Report;
  /** The template's output with its origins. */
  readonly rendered: Rendered;
  /** The pdfmake document definition that will be rendered. */
  readonly definition: Record<string, unknown>;
  readonly families: FamilyRoles;
  readonly fonts: Readonly<Record<FontRole, { readonly file: string; readonly font: GlyphSource }>>;
}

/** One error per distinct missing character and role, at its first occurrence. */
export function preflightGlyphs(input: PreflightInput): Diagnostic[] {
  const { report, fonts } = input;
  const places = new Places();
  const footer = metadataPlaces(report, places);
  markdownPlaces(input.rendered, places);
  const fallback: Located = { file: report.file, position: report.keyPositions.get('字体') ?? { line: 1, column: 1 } };
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { role, text } of [...drawnTexts(input.definition, input.families), ...footer]) {
    const font = fonts[role];
    for (const ch of text) {
      const key = `${role}${ch}`;
      if (seen.has(key) || ignorable(ch) || font.font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) continue;
      seen.add(key);
      const at = places.byRole.get(key) ?? places.byChar.get(ch) ?? fallback;
      const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      diagnostics.push({
        file: at.file,
        position: at.position,
        severity: 'error',
        code: 'missing-glyph',
        message: `字符“${ch}”（U+${hex}）不在“${role}”的字体 ${path.basename(font.file)} 中`,
        hint:
          at.file === report.file
            ? '在前置数据的“字体:”下为这个角色指定含有该字的字体文件，或把字体文件放在报告旁边；也可以改用常用字'
            : '这个字是模板写的：改模板，或在前置数据的“字体:”下为这个角色指定含有该字的字体文件',
      });
    }
  }
  // Source order, the source's own places before the template's.
  return diagnostics.sort(
    (a, b) => Number(a.file !== report.file) - Number(b.file !== report.file) || a.position.line - b.position.line || a.position.column - b.position.column,
  );
}
