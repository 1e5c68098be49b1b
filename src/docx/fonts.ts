/**
 * The fonts a DOCX names, and the font table that tells Word and LibreOffice what each is.
 * By default a run names the face a Chinese Windows office has (仿宋_GB2312 …), with the name a
 * newer Windows has as its alternative (仿宋 …): Word and WPS substitute through `w:altName`.
 * With `--embed-fonts` the font files nianbao set the PDF with are embedded (ECMA-376 Part 1
 * §17.8.1, obfuscated with a key drawn from the file's own hash, so the output is reproducible)
 * and runs name their family, the name under which Word and LibreOffice load an embedded face.
 */
import { createHash } from 'node:crypto';
import type { FontRole } from '../document/types.js';

/** A Word font: the name runs give, its alternative, and whether its face is a bold one. */
export interface WordFont {
  readonly name: string;
  readonly altName?: string;
  /** Set the role's text bold (the face embedded for it is a family's Bold, as FandolSong Bold). */
  readonly bold?: boolean;
}

/**
 * The names a Chinese Windows office has (Office and WPS ship them; 方正小标宋简体 is the 公文
 * title face every 办公室 installs), each with the name of its successor as the alternative.
 */
export const OFFICE_FONTS: Readonly<Record<FontRole, WordFont>> = {
  正文: { name: '仿宋_GB2312', altName: '仿宋' },
  标题: { name: '方正小标宋简体', altName: '小标宋' },
  发文机关标志: { name: '方正小标宋简体', altName: '小标宋' },
  一级标题: { name: '黑体', altName: 'SimHei' },
  二级标题: { name: '楷体_GB2312', altName: '楷体' },
  页码: { name: '宋体', altName: 'SimSun' },
};

/** A font file to embed: the bytes, its family (name ID 1) and whether it is that family's Bold. */
export interface EmbeddedFace {
  readonly family: string;
  readonly bold: boolean;
  readonly data: Uint8Array;
}

/** What the font table says of one name: its alternative, and the faces embedded under it. */
export interface FontTableEntry {
  readonly name: string;
  readonly altName?: string;
  readonly regular?: EmbeddedFace;
  readonly bold?: EmbeddedFace;
}

/** One embedded file of the package: its part name, relationship id and obfuscated bytes. */
export interface EmbeddedPart {
  readonly path: string;
  readonly id: string;
  readonly key: string;
  readonly data: Uint8Array;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A GUID from the file's SHA-256: the same font gives the same key, two fonts two keys. */
export function fontKey(data: Uint8Array): string {
  const hex = createHash('sha256').update(data).digest('hex').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

/**
 * ECMA-376 Part 1 §17.8.1: the first 32 bytes XORed with the key's 16 bytes taken from its
 * last hex pair to its first, twice over.
 */
export function obfuscateFont(data: Uint8Array, key: string): Uint8Array {
  const hex = key.replace(/[{}-]/g, '');
  const bytes: number[] = [];
  for (let i = hex.length - 2; i >= 0; i -= 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  const out = new Uint8Array(data);
  for (let i = 0; i < 32 && i < out.length; i++) out[i] = (out[i] as number) ^ (bytes[i % 16] as number);
  return out;
}

/** The embedded parts, one per distinct face, in the order of the table. */
export function embeddedParts(entries: readonly FontTableEntry[]): EmbeddedPart[] {
  const parts: EmbeddedPart[] = [];
  for (const entry of entries) {
    for (const face of [entry.regular, entry.bold]) {
      if (!face) continue;
      const n = parts.length + 1;
      const key = fontKey(face.data);
      parts.push({ path: `word/fonts/font${n}.odttf`, id: `rIdFont${n}`, key, data: obfuscateFont(face.data, key) });
    }
  }
  return parts;
}

/**
 * word/fontTable.xml: every name the document uses, its alternative, the GB2312 character set
 * (what tells Word to use the face for Chinese), and the embedded faces with their keys.
 */
export function fontTableXml(entries: readonly FontTableEntry[], parts: readonly EmbeddedPart[]): string {
  let next = 0;
  const fonts = entries.map((entry) => {
    const embeds: string[] = [];
    for (const [element, face] of [
      ['embedRegular', entry.regular],
      ['embedBold', entry.bold],
    ] as const) {
      if (!face) continue;
      const part = parts[next++] as EmbeddedPart;
      embeds.push(`<w:${element} r:id="${part.id}" w:fontKey="${part.key}"/>`);
    }
    const alt = entry.altName ? `<w:altName w:val="${escape(entry.altName)}"/>` : '';
    return `<w:font w:name="${escape(entry.name)}">${alt}<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>${embeds.join('')}</w:font>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    fonts.join('') +
    '</w:fonts>'
  );
}

/** word/_rels/fontTable.xml.rels: the embedded files. */
export function fontTableRelsXml(parts: readonly EmbeddedPart[]): string {
  const rels = parts.map(
    (part) => `<Relationship Id="${part.id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/font" Target="${part.path.replace(/^word\//, '')}"/>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`
  );
}
