/**
 * The TrueType subset pdfkit embeds, written from the file's bytes. fontkit's subset decodes each
 * glyph it embeds (the header, to find composites), asks for its metrics (the vertical ones from
 * its outline) and encodes every table through restructure: ~40 ms of a cold build and of every
 * watch rebuild. This writes the same file byte for byte: the tables fontkit writes (head, hhea,
 * loca, maxp, cvt, prep, glyf, hmtx, fpgm, in that order, unaligned, checksums 0, tag 'true'),
 * head, hhea and maxp as the font has them with the counts changed, each glyph's record copied
 * (a composite's component ids renumbered), hmtx from the glyph's advance and left bearing.
 * test/subset.test.ts compares it with fontkit's encoding and the PDF with it off
 * (NIANBAO_NO_FAST_SUBSET=1). Used only for TrueType fonts without variations whose tables are
 * the sizes fontkit writes; anything else gets fontkit's subset.
 */
import { ensureOutline } from './file.js';

interface Table {
  readonly offset: number;
  readonly length: number;
}
interface FontInternals {
  readonly directory: { readonly tables: Readonly<Record<string, Table | undefined>> };
  readonly stream: { readonly buffer: Uint8Array };
}

/** fontkit's Subset: glyph 0 first, each glyph once, in the order they are asked for. */
export class TrueTypeSubset {
  readonly glyphs: number[] = [];
  readonly mapping: Record<number, number> = {};

  constructor(private readonly font: FontInternals) {
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'object' ? glyph.id : glyph;
    let mapped = this.mapping[id];
    if (mapped === undefined) {
      this.glyphs.push(id);
      mapped = this.mapping[id] = this.glyphs.length - 1;
    }
    return mapped;
  }

  encode(): Uint8Array {
    const { tables } = this.font.directory;
    const bytes = this.font.stream.buffer;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const head = tables.head as Table;
    const hhea = tables.hhea as Table;
    const maxp = tables.maxp as Table;
    const hmtx = tables.hmtx as Table;
    const loca = tables.loca as Table;
    const glyf = tables.glyf as Table;
    const long = view.getInt16(head.offset + 50) === 1;
    const glyphCount = view.getUint16(maxp.offset + 4);
    const metricsCount = view.getUint16(hhea.offset + 34);
    const locaAt = (id: number) => (long ? view.getUint32(loca.offset + 4 * id) : 2 * view.getUint16(loca.offset + 2 * id));
    const records: Uint8Array[] = [];
    const metrics: [number, number][] = [];
    // Components add glyphs as the loop goes (fontkit's order).
    for (let i = 0; i < this.glyphs.length; i++) {
      const id = this.glyphs[i] as number;
      const inFont = id < glyphCount;
      const start = inFont ? locaAt(id) : 0;
      const end = inFont ? locaAt(id + 1) : 0;
      ensureOutline(bytes, id);
      let record: Uint8Array = bytes.subarray(glyf.offset + start, glyf.offset + Math.max(start, end));
      if (record.length >= 10 && view.getInt16(glyf.offset + start) < 0) {
        record = Uint8Array.from(record);
        const own = new DataView(record.buffer);
        let at = 10;
        for (;;) {
          const flags = own.getUint16(at);
          own.setUint16(at + 2, this.includeGlyph(own.getUint16(at + 2)));
          at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
          if (!(flags & 0x0020)) break;
        }
      }
      records.push(record);
      const advance = view.getUint16(hmtx.offset + 4 * Math.min(id, metricsCount - 1));
      const bearing = id < metricsCount ? view.getInt16(hmtx.offset + 4 * id + 2) : view.getInt16(hmtx.offset + 4 * metricsCount + 2 * (id - metricsCount));
      metrics.push([advance, bearing]);
    }
    const glyfLength = records.reduce((sum, r) => sum + r.length, 0);
    const copy = (table: Table | undefined) => (table ? bytes.subarray(table.offset, table.offset + table.length) : undefined);
    const newHead = Uint8Array.from(copy(head) as Uint8Array);
    const newHhea = Uint8Array.from(copy(hhea) as Uint8Array);
    new DataView(newHhea.buffer).setUint16(34, metrics.length);
    const newMaxp = Uint8Array.from(copy(maxp) as Uint8Array);
    new DataView(newMaxp.buffer).setUint16(4, records.length);
    const newLoca = new Uint8Array((records.length + 1) * (long ? 4 : 2));
    const locaView = new DataView(newLoca.buffer);
    let offset = 0;
    records.forEach((record, i) => {
      if (long) locaView.setUint32(4 * i, offset);
      else locaView.setUint16(2 * i, offset >>> 1);
      offset += record.length;
    });
    if (long) locaView.setUint32(4 * records.length, offset);
    else locaView.setUint16(2 * records.length, offset >>> 1);
    const newGlyf = new Uint8Array(glyfLength);
    offset = 0;
    for (const record of records) {
      newGlyf.set(record, offset);
      offset += record.length;
    }
    const newHmtx = new Uint8Array(metrics.length * 4);
    const hmtxView = new DataView(newHmtx.buffer);
    metrics.forEach(([advance, bearing], i) => {
      hmtxView.setUint16(4 * i, advance);
      hmtxView.setInt16(4 * i + 2, bearing);
    });
    const out: [string, Uint8Array][] = [
      ['head', newHead],
      ['hhea', newHhea],
      ['loca', newLoca],
      ['maxp', newMaxp],
      ['cvt ', copy(tables['cvt '])],
      ['prep', copy(tables.prep)],
      ['glyf', newGlyf],
      ['hmtx', newHmtx],
      ['fpgm', copy(tables.fpgm)],
    ].filter((entry): entry is [string, Uint8Array] => entry[1] !== undefined);
    const headerSize = 12 + 16 * out.length;
    const file = new Uint8Array(headerSize + out.reduce((sum, [, data]) => sum + data.length, 0));
    const fileView = new DataView(file.buffer);
    fileView.setUint32(0, 0x74727565); // 'true', as fontkit writes it
    fileView.setUint16(4, out.length);
    const power = 2 ** Math.floor(Math.log2(out.length));
    fileView.setUint16(6, power * 16);
    fileView.setUint16(8, Math.log2(power));
    fileView.setUint16(10, out.length * 16 - power * 16);
    let at = headerSize;
    out.forEach(([tag, data], i) => {
      const entry = 12 + 16 * i;
      for (let k = 0; k < 4; k++) file[entry + k] = tag.charCodeAt(k);
      fileView.setUint32(entry + 4, 0);
      fileView.setUint32(entry + 8, at);
      fileView.setUint32(entry + 12, data.length);
      file.set(data, at);
      at += data.length;
    });
    return file;
  }
}

/** Whether this font's subset can be written here: TrueType outlines, no variations, tables of the sizes fontkit writes. */
export function subsetsHere(font: FontInternals): boolean {
  if (process.env.NIANBAO_NO_FAST_SUBSET === '1') return false;
  const tables = font.directory?.tables;
  const bytes = font.stream?.buffer;
  if (!tables || !bytes) return false;
  const { head, hhea, maxp, hmtx, loca, glyf } = tables;
  if (!head || !hhea || !maxp || !hmtx || !loca || !glyf || tables['CFF '] || tables.CFF2 || tables.fvar || tables.gvar) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // fontkit re-encodes head (54 bytes), hhea (36) and maxp (32, version 1.0): copies only when the tables are exactly that.
  return head.length === 54 && hhea.length === 36 && maxp.length === 32 && view.getUint32(maxp.offset) === 0x00010000 && (tables['cvt '] ?? { length: 0 }).length % 2 === 0;
}

let installed = false;
let fontkitCreateSubset: ((this: FontInternals) => unknown) | undefined;

/** fontkit's own subset of a font (the test compares the two). */
export function fontkitSubset(font: object): { includeGlyph(id: number): number; encode(): Uint8Array } {
  const create = fontkitCreateSubset ?? (font as { createSubset: (this: FontInternals) => unknown }).createSubset;
  return create.call(font as FontInternals) as { includeGlyph(id: number): number; encode(): Uint8Array };
}

/** Makes fontkit's createSubset give this subset for the fonts it suits (once per process). */
export function installSubset(font: object): boolean {
  if (installed) return true;
  const proto = Object.getPrototypeOf(font) as { createSubset?: (this: FontInternals) => unknown };
  const original = proto.createSubset;
  if (typeof original !== 'function' || !Object.hasOwn(proto, 'createSubset')) return false;
  installed = true;
  fontkitCreateSubset = original;
  proto.createSubset = function createSubset(this: FontInternals) {
    return subsetsHere(this) ? new TrueTypeSubset(this) : original.call(this);
  };
  return true;
}
