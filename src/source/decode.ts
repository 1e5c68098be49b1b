/**
 * Stage 0: the bytes of a source → its text. UTF-8 (with or without a BOM) is read as it is; a
 * file saved by a Chinese Windows editor in GB 18030/GBK is read as such with a warning; anything
 * else is an `encoding` error at the first byte that cannot be read. Pure: the file is never
 * written back, whatever its encoding.
 */
import type { Diagnostic, Position } from '../diagnostics/types.js';

export interface DecodedSource {
  /** The text, or undefined when the bytes are not in an encoding nianbao reads. */
  readonly text: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const SAVE_AS_UTF8 = '在编辑器里把文件另存为 UTF-8 编码（记事本：另存为 → 编码 选 UTF-8；VS Code：右下角的编码 → 通过编码保存 → UTF-8）';

/** UTF-16 is recognised by its byte-order mark only; it is named, not read. */
const UTF16_BOMS: readonly { bytes: readonly [number, number]; name: string }[] = [
  { bytes: [0xff, 0xfe], name: 'UTF-16 LE' },
  { bytes: [0xfe, 0xff], name: 'UTF-16 BE' },
];

export function decodeSource(file: string, bytes: Uint8Array): DecodedSource {
  const error = (position: Position, message: string): DecodedSource => ({
    text: undefined,
    diagnostics: [{ file, position, severity: 'error', code: 'encoding', message, hint: SAVE_AS_UTF8 }],
  });
  const utf16 = UTF16_BOMS.find(({ bytes: [a, b] }) => bytes[0] === a && bytes[1] === b);
  if (utf16) return error({ line: 1, column: 1 }, `文件是 ${utf16.name} 编码（开头有它的字节顺序标记），nianbao 只读 UTF-8`);

  const bad = firstInvalidUtf8(bytes);
  // TextDecoder drops a leading UTF-8 BOM by itself.
  if (bad === undefined) return { text: new TextDecoder('utf-8').decode(bytes), diagnostics: [] };

  const chinese = decodeGb18030(bytes);
  if (chinese !== undefined) {
    return {
      text: chinese,
      diagnostics: [
        {
          file,
          position: { line: 1, column: 1 },
          severity: 'warning',
          code: 'encoding',
          message: '文件不是 UTF-8 编码，而是 GB 18030（GBK）编码：已按 GB 18030 读取（文件本身不会被改写）；下面的列号按解码后的字符计',
          hint: SAVE_AS_UTF8,
        },
      ],
    };
  }
  return error(bytePosition(bytes, bad), `文件不是 UTF-8 编码：第 ${bad + 1} 个字节（0x${hex(bytes[bad] ?? 0)}）无法按 UTF-8 读取，也不是 GB 18030（GBK）编码的中文`);
}

/**
 * The GB 18030 reading of bytes that are not UTF-8, when it looks like Chinese text. Nearly any
 * byte string decodes as GB 18030, so a Latin-1 or binary file must not pass as one: every
 * character outside ASCII has to be a CJK ideograph, CJK or full-width punctuation, or one of the
 * general punctuation marks Chinese text uses (“”‘’…—).
 */
function decodeGb18030(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80 || CHINESE_RANGES.some(([from, to]) => code >= from && code <= to)) continue;
    return undefined;
  }
  return text;
}

const CHINESE_RANGES: readonly (readonly [number, number])[] = [
  [0x00b7, 0x00b7], // ·
  [0x00d7, 0x00d7], // ×
  [0x2010, 0x203b], // general punctuation: ‐ – — ‘ ’ “ ” … ※
  [0x2160, 0x216b], // Ⅰ–Ⅻ
  [0x2460, 0x249b], // ① ⑴ ⒈
  [0x3000, 0x303f], // CJK symbols and punctuation: 、。〔〕「」
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xffef], // full-width forms: ，：（）０-９
];

/** Byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Ranges of the second byte from the Unicode standard's table of well-formed sequences
    // (no overlongs, no surrogates, nothing above U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += length;
  }
  return undefined;
}

/** Line and column (UTF-16 units of the valid text before it, as editors count) of a byte. */
function bytePosition(bytes: Uint8Array, offset: number): Position {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // (A BOM at the start of line 1 is dropped by the decoder: editors do not count it either.)
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
