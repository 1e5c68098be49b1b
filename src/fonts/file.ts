/**
 * A TrueType font file read lazily. A report uses about a thousand of a CJK font's ten thousand
 * glyphs, and 98 % of a Fandol file is glyph outlines (`glyf`): reading all five faces costs
 * ~33 MB and ~100 ms of a cold build. So the tables fontkit parses (cmap, hmtx, loca, …) are read
 * at once, into a buffer the size of the file, and each glyph's outline is read into its place
 * the first time fontkit decodes that glyph (for the subset pdfkit embeds). Every other format
 * (CFF-flavoured OpenType, collections) is read whole.
 */
import { closeSync, readSync } from 'node:fs';
import { openRegular, SIZE_LIMITS } from '../files/regular.js';

interface GlyphOutlines {
  readonly fd: number;
  readonly buffer: Buffer;
  /** File offset of the glyf table. */
  readonly glyf: number;
  readonly glyfLength: number;
  /** Start of glyph i's outline within glyf (numGlyphs + 1 entries). */
  readonly offset: (glyph: number) => number;
  readonly numGlyphs: number;
  readonly loaded: Uint8Array;
}

export interface FontFile {
  readonly buffer: Buffer;
  readonly size: number;
  readonly mtimeMs: number;
  /** Whether outlines are read on demand (false: the whole file was read). */
  readonly lazy: boolean;
  /** Gives up the open file (outlines not read yet can no longer be read). */
  readonly close: () => void;
}

/** Lazy buffers → their outline readers; fontkit fonts are found through their stream's buffer. */
const outlinesByBuffer = new WeakMap<Uint8Array, GlyphOutlines>();

function readFully(fd: number, into: Buffer, start: number, length: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, into, start + done, length - done, start + done);
    if (n === 0) throw new Error('unexpected end of font file');
    done += n;
  }
}

interface TableRecord {
  readonly offset: number;
  readonly length: number;
}

function tableDirectory(head: Buffer): Map<string, TableRecord> | undefined {
  const version = head.readUInt32BE(0);
  // 0x00010000 and 'true' are TrueType outlines; 'OTTO' (CFF), 'ttcf', WOFF: read whole.
  if (version !== 0x00010000 && version !== 0x74727565) return undefined;
  const count = head.readUInt16BE(4);
  if (head.length < 12 + 16 * count) return undefined;
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    tables.set(head.toString('latin1', at, at + 4), { offset: head.readUInt32BE(at + 8), length: head.readUInt32BE(at + 12) });
  }
  return tables;
}

/**
 * Opens a font file; throws UnreadableFile when it is not a regular file (a FIFO would block, a
 * device never ends) or is larger than the cap, before anything is read.
 */
export function openFontFile(file: string): FontFile {
  const { fd, stats } = openRegular(file, SIZE_LIMITS.font);
  let keepOpen = false;
  try {
    const { size, mtimeMs } = stats;
    const whole = (): FontFile => {
      const buffer = Buffer.alloc(size);
      readFully(fd, buffer, 0, size);
      return { buffer, size, mtimeMs, lazy: false, close: () => {} };
    };
    const head = Buffer.alloc(Math.min(size, 12 + 16 * 64));
    readFully(fd, head, 0, head.length);
    if (head.length < 12) return whole();
    const tables = tableDirectory(head);
    const glyf = tables?.get('glyf');
    const loca = tables?.get('loca');
    const headTable = tables?.get('head');
    const maxp = tables?.get('maxp');
    const inside = (t: TableRecord | undefined): t is TableRecord => !!t && t.offset + t.length <= size;
    if (!inside(glyf) || !inside(loca) || !inside(headTable) || !inside(maxp) || glyf.length < size / 2) return whole();

    // Zero-filled by the system as pages are touched: the skipped outlines cost no memory.
    const buffer = Buffer.alloc(size);
    readFully(fd, buffer, 0, glyf.offset);
    readFully(fd, buffer, glyf.offset + glyf.length, size - glyf.offset - glyf.length);
    const numGlyphs = buffer.readUInt16BE(maxp.offset + 4);
    const longOffsets = buffer.readInt16BE(headTable.offset + 50) === 1;
    const entries = longOffsets ? loca.length / 4 : loca.length / 2;
    if (entries < numGlyphs + 1) return whole();
    const offset = longOffsets
      ? (i: number) => buffer.readUInt32BE(loca.offset + 4 * i)
      : (i: number) => 2 * buffer.readUInt16BE(loca.offset + 2 * i);
    outlinesByBuffer.set(buffer, { fd, buffer, glyf: glyf.offset, glyfLength: glyf.length, offset, numGlyphs, loaded: new Uint8Array(numGlyphs) });
    keepOpen = true;
    return {
      buffer,
      size,
      mtimeMs,
      lazy: true,
      close: () => {
        outlinesByBuffer.delete(buffer);
        closeSync(fd);
      },
    };
  } finally {
    if (!keepOpen) closeSync(fd);
  }
}

/** Reads glyph `id`'s outline into a lazy buffer, once. */
export function ensureOutline(buffer: Uint8Array, id: number): void {
  const outlines = outlinesByBuffer.get(buffer);
  if (!outlines || id < 0 || id >= outlines.numGlyphs || outlines.loaded[id]) return;
  const start = outlines.offset(id);
  const end = Math.min(outlines.offset(id + 1), outlines.glyfLength);
  if (end > start) readFully(outlines.fd, outlines.buffer, outlines.glyf + start, end - start);
  outlines.loaded[id] = 1;
}

interface GlyphPrototype {
  _decode: (this: GlyphInstance) => unknown;
  _getCBox: (this: GlyphInstance, internal?: boolean) => unknown;
}
interface GlyphInstance {
  readonly id: number;
  readonly _font: {
    readonly stream: { readonly buffer: Uint8Array };
    readonly _variationProcessor?: unknown;
    readonly loca: { readonly offsets: readonly number[] };
    readonly directory: { readonly tables: Readonly<Record<string, { readonly offset: number }>> };
  };
}

/**
 * A simple glyph's header (contour count and bounding box) with its points decoded only when
 * asked for. Embedding a glyph needs just the header (is it composite?), and decoding the points
 * of every glyph was ~60 ms of a cold build. A composite glyph is decoded whole at once.
 */
function outlineHeader(glyph: GlyphInstance, decodeWhole: () => unknown): unknown {
  const font = glyph._font;
  const start = font.loca.offsets[glyph.id];
  const glyf = font.directory.tables.glyf;
  if (start === undefined || !glyf || start === font.loca.offsets[glyph.id + 1]) return decodeWhole();
  const bytes = font.stream.buffer;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = glyf.offset + start;
  const numberOfContours = view.getInt16(at);
  if (numberOfContours < 0) return decodeWhole();
  let whole: { points?: unknown; instructions?: unknown } | undefined;
  const full = () => (whole ??= decodeWhole() as { points?: unknown; instructions?: unknown });
  const header = { numberOfContours, xMin: view.getInt16(at + 2), yMin: view.getInt16(at + 4), xMax: view.getInt16(at + 6), yMax: view.getInt16(at + 8) };
  Object.defineProperty(header, 'points', { get: () => full().points, enumerable: true });
  Object.defineProperty(header, 'instructions', { get: () => full().instructions, enumerable: true });
  return header;
}
const hooked = new WeakSet<object>();
/** Decoded outlines by glyph object (read-only to fontkit's callers: header, points, components). */
const decodedOutlines = new WeakMap<object, unknown>();

/**
 * Makes fontkit read an outline before it decodes a glyph: every read of `glyf` in fontkit goes
 * through a TrueType glyph's `_decode` (outline, subset) or `_getCBox` (bounding box). `glyph`
 * is any glyph of a TrueType font loaded by the fontkit copy pdfkit uses.
 */
export function hookOutlineReads(glyph: object): void {
  let proto = Object.getPrototypeOf(glyph) as (GlyphPrototype & object) | null;
  while (proto && !Object.hasOwn(proto, '_decode')) proto = Object.getPrototypeOf(proto) as (GlyphPrototype & object) | null;
  if (!proto || hooked.has(proto) || !Object.hasOwn(proto, '_getCBox')) return;
  hooked.add(proto);
  const decode = proto._decode;
  const cbox = proto._getCBox;
  proto._decode = function (this: GlyphInstance) {
    // pdfkit's subset decodes every glyph it embeds, in every document; the glyph objects are
    // shared across documents (see resolve.ts), so each outline is decoded once per process.
    // (Not for variable fonts, whose outlines depend on the instance's coordinates.)
    if (this._font._variationProcessor) {
      ensureOutline(this._font.stream.buffer, this.id);
      return decode.call(this);
    }
    let decoded = decodedOutlines.get(this);
    if (decoded === undefined) {
      ensureOutline(this._font.stream.buffer, this.id);
      decoded = outlineHeader(this, () => decode.call(this));
      decodedOutlines.set(this, decoded);
    }
    return decoded;
  };
  proto._getCBox = function (this: GlyphInstance, internal?: boolean) {
    ensureOutline(this._font.stream.buffer, this.id);
    return cbox.call(this, internal);
  };
}
