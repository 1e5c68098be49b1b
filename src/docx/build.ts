/**
 * The DOCX of a build: the document tree the PDF build drew, set in the fonts that build resolved. Only a build that made
 * its PDF makes a DOCX: the same check, the same refusal on errors, the same glyph preflight.
 */
import { type BuildResult, creationDate } from '../build/index.js';
import type { FontRole } from '../document/types.js';
import { readRegularFile, SIZE_LIMITS } from '../files/regular.js';
import { faceInk } from '../fonts/ink.js';
import { loadFont, type ResolvedFont } from '../fonts/resolve.js';
import { type EmbeddedFace, type FontTableEntry, OFFICE_FONTS, type WordFont } from './fonts.js';
import { renderDocx } from './render.js';

export interface DocxBuildOptions {
  /** Embed the font files the PDF was set with (--embed-fonts). */
  readonly embedFonts?: boolean;
  /** SOURCE_DATE_EPOCH, seconds. */
  readonly sourceDateEpoch?: string;
}

/** A font file's family (name ID 1) and whether it is the family's Bold face. */
function family(file: string): { name: string; bold: boolean } {
  // fontkit has the subfamily (name ID 2); its typings list only some of the names.
  const { font } = loadFont(file) as { font: { familyName: string; postscriptName: string; subfamilyName?: string } };
  return { name: font.familyName || font.postscriptName, bold: /bold/i.test(font.subfamilyName ?? '') };
}

/**
 * The names runs give, and the font table. Without embedding: a Windows office's names, except
 * for a role the source's 字体 chose, which names that font's family. Embedding: every role names
 * the family of the file it was set with in the PDF, the office name as its alternative, and
 * the table carries each file once (a family's Regular and Bold, as FandolSong's).
 */
export function wordFonts(resolved: readonly ResolvedFont[], embed: boolean): { fonts: Record<FontRole, WordFont>; table: FontTableEntry[] } {
  const fonts = { ...OFFICE_FONTS } as Record<FontRole, WordFont>;
  const table = new Map<string, { name: string; altName?: string; regular?: EmbeddedFace; bold?: EmbeddedFace }>();
  const files = new Map<string, EmbeddedFace>();
  for (const font of resolved) {
    const office = OFFICE_FONTS[font.role];
    if (!embed && font.source !== 'source') continue;
    const named = family(font.file);
    fonts[font.role] = { name: named.name, altName: office.name, ...(named.bold ? { bold: true } : {}) };
    if (!embed) continue;
    let face = files.get(font.file);
    if (!face) {
      face = { family: named.name, bold: named.bold, data: readRegularFile(font.file, SIZE_LIMITS.font).bytes };
      files.set(font.file, face);
    }
    const entry = table.get(named.name) ?? { name: named.name, altName: office.name };
    if (named.bold) entry.bold ??= face;
    else entry.regular ??= face;
    table.set(named.name, entry);
  }
  for (const font of Object.values(fonts)) if (!table.has(font.name)) table.set(font.name, { name: font.name, ...(font.altName ? { altName: font.altName } : {}) });
  return { fonts, table: [...table.values()] };
}

/** The .docx bytes of a build that made its PDF, else undefined. */
export async function docxOfBuild(result: BuildResult, options: DocxBuildOptions = {}): Promise<Buffer | undefined> {
  // The tree the PDF was drawn from: composed once per build.
  const document = result.tree;
  if (!result.pdf || !result.report || !document || !result.fonts) return undefined;
  const { fonts, table } = wordFonts(result.fonts, options.embedFonts === true);
  const numbers = result.fonts.find((f) => f.role === '页码');
  const ink = numbers ? faceInk(loadFont(numbers.file).font) : undefined;
  return renderDocx(document, {
    fonts,
    fontTable: table,
    date: creationDate(result.report, options.sourceDateEpoch),
    ...(ink ? { pageNumberDashDepth: ink.ascent - ink.extent('—').top } : {}),
  });
}
