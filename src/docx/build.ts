/**
 * The DOCX of a build: the document tree composed from the checked report and the template's
 * Markdown the PDF build produced, set in the fonts that build resolved. Only a build that made
 * its PDF makes a DOCX: the same check, the same refusal on errors, the same glyph preflight.
 */
import type { BuildResult } from '../build/index.js';
import { compose } from '../document/compose.js';
import type { FontRole } from '../document/types.js';
import { readRegularFile, SIZE_LIMITS } from '../files/regular.js';
import { faceInk } from '../fonts/ink.js';
import { loadFont, type ResolvedFont } from '../fonts/resolve.js';
import type { Report } from '../model/types.js';
import { type EmbeddedFace, type FontTableEntry, OFFICE_FONTS, type WordFont } from './fonts.js';
import { renderDocx } from './render.js';

export interface DocxBuildOptions {
  /** Embed the font files the PDF was set with (--embed-fonts). */
  readonly embedFonts?: boolean;
  /** SOURCE_DATE_EPOCH, seconds. */
  readonly sourceDateEpoch?: string;
}

/** The PDF's creation date, by the PDF's rule: SOURCE_DATE_EPOCH, else the 成文日期 (Beijing midnight), else 1 January after the year. */
export function documentDate(report: Report, sourceDateEpoch?: string): Date {
  if (sourceDateEpoch && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000);
  const date = report.date ?? { year: report.year + 1, month: 1, day: 1 };
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - 8 * 3600 * 1000);
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
  if (!result.pdf || !result.report || result.markdown === undefined || !result.fonts) return undefined;
  const document = compose(result.report, result.markdown);
  const { fonts, table } = wordFonts(result.fonts, options.embedFonts === true);
  const numbers = result.fonts.find((f) => f.role === '页码');
  const ink = numbers ? faceInk(loadFont(numbers.file).font) : undefined;
  return renderDocx(document, {
    fonts,
    fontTable: table,
    date: documentDate(result.report, options.sourceDateEpoch),
    ...(ink ? { pageNumberDashDepth: ink.ascent - ink.extent('—').top } : {}),
  });
}
