/**
 * Glyph preflight: every character that will be drawn is checked against the font of its role
 * before rendering. pdfmake would otherwise draw an empty box, silently, for a character the
 * font lacks.
 *
 * What is checked is what is drawn: the document tree's runs (after the template, and after
 * Markdown has decoded `&#x8D5F;` and `\*`), each in the role every renderer sets it in, plus
 * what the page adds (签发人：, the page numbers). Each character's place comes with its run: a
 * front-matter value's key, or the run's offset in the template's Markdown, traced through the
 * template's origin map to the source's line:column, or the template's when the template wrote it.
 */
import path from 'node:path';
import type { Diagnostic, Position } from '../diagnostics/types.js';
import { align } from '../document/origin.js';
import { type Document, type FontRole, HEADING_FACE, PAGE_NUMBER_CHARACTERS, type Run } from '../document/types.js';
import type { Report } from '../model/types.js';
import type { Rendered } from '../template/render.js';

export interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

interface Located {
  readonly file: string;
  readonly position: Position;
}

/** Characters that never reach a font: layout whitespace. */
function ignorable(ch: string): boolean {
  return /\s/.test(ch) || ch === '\u00a0';
}

/** Every run the renderers draw, in document order, each in its role. */
function* drawnRuns(doc: Document): Generator<Run> {
  const header = doc.redHeader;
  if (header) {
    yield header.issuerMark;
    if (header.documentNumber) yield header.documentNumber;
    if (header.signers.length > 0) {
      // The layout writes 签发人： in the body face beside the names.
      const at = header.signers[0]?.origin;
      yield { text: '签发人：', role: '正文', ...(at ? { origin: at } : {}) };
      yield* header.signers;
    }
  }
  yield* doc.title;
  if (doc.recipient) yield doc.recipient;
  for (const block of doc.body) {
    if (block.kind === 'paragraph') yield* block.runs;
    else if (block.kind === 'heading') {
      const face = HEADING_FACE[block.level];
      if (block.number) yield { text: block.number, role: face, ...(block.runs[0]?.origin ? { origin: block.runs[0].origin } : {}) };
      yield* block.runs;
    } else {
      // Cells are set in the body face.
      for (const row of block.rows) for (const cell of row) yield { text: cell.text, role: '正文', ...(cell.origin ? { origin: cell.origin } : {}) };
    }
  }
  if (doc.signature?.signature) yield doc.signature.signature;
  if (doc.signature?.date) yield doc.signature.date;
  if (doc.colophon?.copyTo) yield doc.colophon.copyTo;
  if (doc.colophon?.printLine) yield* [doc.colophon.printLine.printer, doc.colophon.printLine.printDate];
  yield { text: PAGE_NUMBER_CHARACTERS, role: '页码' };
}

export interface PreflightInput {
  readonly report: Report;
  readonly doc: Document;
  /** The template's output with its origins (where a run of the body was written). */
  readonly rendered: Rendered;
  readonly fonts: Readonly<Record<FontRole, { readonly file: string; readonly font: GlyphSource; readonly hasGlyph?: (codePoint: number) => boolean }>>;
}

/** One error per distinct missing character and role, at its first occurrence. */
export function preflightGlyphs(input: PreflightInput): Diagnostic[] {
  const { report, fonts, rendered } = input;
  const fallback: Located = { file: report.file, position: report.keyPositions.get('字体') ?? { line: 1, column: 1 } };
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  // Role and character found in the font: a report repeats its thousand characters ten times
  // over, and a font's lookup decodes its cmap anew each time.
  const present = new Set<string>();
  for (const run of drawnRuns(input.doc)) {
    const font = fonts[run.role];
    // Found once per run that has a missing character: most runs have none.
    let offsets: (number | undefined)[] | undefined;
    let index = 0;
    for (const ch of run.text) {
      const k = index++;
      const key = `${run.role}${ch}`;
      if (present.has(key) || seen.has(key) || ignorable(ch)) continue;
      if (font.hasGlyph ? font.hasGlyph(ch.codePointAt(0) ?? 0) : font.font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) {
        present.add(key);
        continue;
      }
      seen.add(key);
      let at: Located = fallback;
      const origin = run.origin;
      if (origin && 'markdown' in origin) {
        offsets ??= align(rendered.markdown, origin.markdown, run.text).offsets;
        const offset = offsets[k];
        if (offset !== undefined) at = rendered.originOf(offset);
      } else if (origin) {
        at = origin;
      }
      const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      diagnostics.push({
        file: at.file,
        position: at.position,
        severity: 'error',
        code: 'missing-glyph',
        message: `字符“${ch}”（U+${hex}）不在“${run.role}”的字体 ${path.basename(font.file)} 中`,
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
