/** The edge where font roles become font files and buffers (file system access lives here). */
import { type Dirent, existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Fontkit from 'fontkit';
import fontkit from './fontkit.cjs';
import { installPlainLayout, metricsOf } from './plain-layout.js';
import { installSubset } from './subset.js';
import { FONT_ROLES } from '../model/fields.js';
import { errnoReason, UnreadableFile } from '../files/regular.js';
import { type FontFile, hookOutlineReads, openFontFile } from './file.js';
import { memoizeCmapLookups } from './cmap-memo.js';
import { type FontRole, SHIPPED_FONT_FILES, SYSTEM_FONT_FILES, systemFontDirectories } from './roles.js';

export const SHIPPED_FONT_DIR = fileURLToPath(new URL('../../fonts/', import.meta.url));

export type FontSource = 'source' | 'beside-report' | 'system' | 'shipped';

export interface ResolvedFont {
  readonly role: FontRole;
  readonly file: string;
  readonly source: FontSource;
}

export interface LoadedFont {
  readonly file: string;
  readonly buffer: Buffer;
  readonly font: Fontkit.Font;
  /** (ascent − descent) / unitsPerEm from hhea: pdfkit's natural line height in em. */
  readonly lineEm: number;
  /** Advance width of a character, in em (cached for the life of the process). */
  readonly advance: (ch: string) => number;
  /** Whether the face has a glyph for a code point (fontkit's hasGlyphForCodePoint). */
  readonly hasGlyph: (codePoint: number) => boolean;
}

export class FontError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

let systemIndex: Map<string, string> | undefined;

/** File name (lower case) → path, for every font under the system font directories. */
function systemFonts(): Map<string, string> {
  if (systemIndex) return systemIndex;
  systemIndex = new Map();
  // The entries' types come with the listing: only a symbolic link costs a stat (a font folder
  // holds hundreds of entries, and a stat of each was ~5 ms of every build).
  const isDirectory = (full: string, entry: Dirent) => {
    if (!entry.isSymbolicLink()) return entry.isDirectory();
    try {
      return statSync(full).isDirectory();
    } catch {
      return false; // a broken link: skip
    }
  };
  const visit = (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const { name } = entry;
      const full = path.join(dir, name);
      if (/\.(ttf|otf)$/i.test(name)) {
        if (!systemIndex?.has(name.toLowerCase())) systemIndex?.set(name.toLowerCase(), full);
      } else if (depth < 4 && !name.includes('.') && isDirectory(full, entry)) {
        visit(full, depth + 1);
      }
    }
  };
  for (const dir of systemFontDirectories(homedir(), process.platform)) visit(dir, 0);
  return systemIndex;
}

function besideReport(reportDir: string, names: readonly string[]): string | undefined {
  for (const dir of [reportDir, path.join(reportDir, 'fonts')]) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

/** Resolves every role. `chosen` is the source's 字体 mapping (paths relative to the report). */
export function resolveFonts(reportDir: string, chosen: Readonly<Record<string, string>>, useSystem = true): ResolvedFont[] {
  return FONT_ROLES.map((role): ResolvedFont => {
    const wanted = chosen[role];
    if (wanted) {
      const asPath = path.resolve(reportDir, wanted);
      if (existsSync(asPath)) return { role, file: asPath, source: 'source' };
      const byName = besideReport(reportDir, [wanted, `${wanted}.ttf`, `${wanted}.otf`]) ?? systemFonts().get(wanted.toLowerCase()) ?? systemFonts().get(`${wanted}.ttf`.toLowerCase());
      if (byName) return { role, file: byName, source: 'source' };
      throw new FontError(`找不到“${role}”的字体“${wanted}”`, '写字体文件的路径（相对于报告文件），或已安装字体的文件名');
    }
    const beside = besideReport(reportDir, SYSTEM_FONT_FILES[role]);
    if (beside) return { role, file: beside, source: 'beside-report' };
    if (useSystem) {
      const index = systemFonts();
      for (const name of SYSTEM_FONT_FILES[role]) {
        const file = index.get(name.toLowerCase());
        if (file) return { role, file, source: 'system' };
      }
    }
    return { role, file: path.join(SHIPPED_FONT_DIR, SHIPPED_FONT_FILES[role]), source: 'shipped' };
  });
}

const loaded = new Map<string, { font: LoadedFont; file: FontFile }>();

/** Our parsed fonts, by their buffers: pdfkit's fonts for the same buffer borrow their state. */
const parsed = new WeakMap<Uint8Array, Fontkit.Font>();
let sharing = false;

interface FontState {
  stream: { buffer: Uint8Array };
  directory: unknown;
  _tables: Record<string, unknown>;
  _glyphs: Record<number, unknown>;
}

/**
 * pdfkit parses every font again for every document (fontkit.create on the buffer) and decodes
 * its tables and glyphs again: ~30 ms of every watch rebuild. A TrueType font decodes its table
 * directory first thing in its constructor; for a buffer we have parsed, it takes our font's
 * directory, decoded tables and glyphs instead (read-only data: fontkit never changes them), so
 * each font is parsed once per process and shared by measuring and rendering.
 */
function shareWithPdfkit(font: Fontkit.Font): void {
  if (sharing) return;
  const trueType = Object.getPrototypeOf(font) as { _decodeDirectory?: (this: FontState) => unknown };
  const decode = trueType._decodeDirectory;
  if (!decode || !Object.hasOwn(trueType, '_decodeDirectory')) return;
  sharing = true;
  trueType._decodeDirectory = function (this: FontState) {
    const source = parsed.get(this.stream.buffer) as unknown as FontState | undefined;
    if (!source || source === this) return decode.call(this);
    this._tables = source._tables;
    this._glyphs = source._glyphs;
    this.directory = source.directory;
    return this.directory;
  };
}

/** The file's size and mtime, to notice a font replaced while watching. */
function unchanged(file: string, opened: FontFile): boolean {
  try {
    const stat = statSync(file);
    return stat.size === opened.size && stat.mtimeMs === opened.mtimeMs;
  } catch {
    return false;
  }
}

/** The tables pdfkit and the layout read: a font without one of them cannot be drawn. */
const REQUIRED_TABLES = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'post'] as const;

/**
 * Whether a parsed font is whole: every table of its directory inside the file and the required
 * ones readable. fontkit parses lazily, so a file cut short (a copy still being written) would
 * otherwise fail later, inside pdfkit, as a TypeError.
 */
function complete(font: Fontkit.Font, size: number): boolean {
  const tables = (font as unknown as { directory?: { tables?: Record<string, { offset: number; length: number }> } }).directory?.tables;
  if (!tables) return false;
  if (Object.values(tables).some((t) => t.offset + t.length > size)) return false;
  if (!REQUIRED_TABLES.every((tag) => tag in tables)) return false;
  try {
    const record = font as unknown as Record<string, { isFixedPitch?: unknown } | undefined>;
    return REQUIRED_TABLES.every((tag) => record[tag] !== undefined) && record.post?.isFixedPitch !== undefined;
  } catch {
    return false;
  }
}

/** Reads and parses a font file once per process (again if the file changed since). */
export function loadFont(file: string): LoadedFont {
  const cached = loaded.get(file);
  if (cached && unchanged(file, cached.file)) return cached.font;
  if (cached) {
    cached.file.close();
    loaded.delete(file);
  }
  let opened: FontFile;
  try {
    opened = openFontFile(file);
  } catch (error) {
    const reason = error instanceof UnreadableFile ? error.reason : errnoReason(error);
    throw new FontError(`无法读取字体文件“${file}”：${reason}`, '字体必须是普通的 .ttf 或 .otf 文件（不能是目录、管道或设备，不超过 64 MB）；运行 nianbao fonts 查看各角色的字体');
  }
  const { buffer } = opened;
  const created = (() => {
    try {
      return fontkit.create(buffer);
    } catch {
      return undefined;
    }
  })();
  if (!created || 'fonts' in created) {
    opened.close();
    throw new FontError(`“${file}”不是可用的 TrueType/OpenType 字体`, '字体集（.ttc）不能使用：请改用单个字体的 .ttf 或 .otf 文件');
  }
  const font = created;
  if (!complete(font, buffer.length)) {
    opened.close();
    throw new FontError(`字体文件“${file}”不完整或已损坏（缺少必需的表，或表超出文件末尾；也可能正在写入）`, '换一个完好的字体文件；如果刚复制过来，等复制完成后再生成');
  }
  shareWithPdfkit(font);
  installPlainLayout(font);
  installSubset(font);
  memoizeCmapLookups(font);
  parsed.set(buffer, font);
  // fontkit's typings omit getGlyph (a glyph by id). The hook also decodes each outline once,
  // so it goes in for every font (it reads nothing for a file read whole).
  hookOutlineReads((font as unknown as { getGlyph: (id: number) => object }).getGlyph(0));
  const lineEm = (font.ascent - font.descent) / font.unitsPerEm;
  const widths = new Map<string, number>();
  // The cmap and hmtx read from the bytes: fontkit decodes a glyph's outline to give its advance.
  const direct = metricsOf(font);
  const advance = (ch: string): number => {
    let width = widths.get(ch);
    if (width === undefined) {
      const codePoint = ch.codePointAt(0) ?? 0;
      width = direct ? direct.advance(direct.glyphId(codePoint)) / direct.unitsPerEm : font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm;
      widths.set(ch, width);
    }
    return width;
  };
  const hasGlyph = (codePoint: number): boolean => (direct ? direct.glyphId(codePoint) !== 0 : font.hasGlyphForCodePoint(codePoint));
  const result = { file, buffer, font, lineEm, advance, hasGlyph };
  loaded.set(file, { font: result, file: opened });
  return result;
}
