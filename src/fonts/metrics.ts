/**
 * A face's cmap and advance widths read straight from the file's bytes. fontkit answers "which
 * glyph, how wide" by decoding the tables through restructure and, for a glyph's advanceWidth,
 * computing all its metrics: the vertical ones need its bounding box, so every glyph measured
 * had its outline record read and decoded: ~60 ms of a cold build for the ~1,000 glyphs a report
 * uses, in five faces. This reads the same two tables (cmap formats 4 and 12, chosen as fontkit
 * chooses its subtable; hmtx with hhea's numberOfMetrics) and gives the same numbers (test:
 * every code point of every shipped face, and the cold PDF byte-identical with
 * NIANBAO_NO_DIRECT_METRICS=1). Anything else (a variable font, a symbol or legacy-encoded
 * cmap, another format) gets undefined, and fontkit answers as before.
 */

export interface DirectMetrics {
  /** The glyph id of a code point, 0 if the face has none (fontkit's cmap lookup). */
  readonly glyphId: (codePoint: number) => number;
  /** A glyph's advance width, font units (fontkit's advanceWidth of that glyph). */
  readonly advance: (glyphId: number) => number;
  readonly unitsPerEm: number;
}

interface Table {
  readonly offset: number;
  readonly length: number;
}

/** fontkit's preference among Unicode cmap subtables (CmapProcessor), platform and encoding. */
const PREFERRED = [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]] as const;

export function directMetrics(buffer: Uint8Array, tables: Readonly<Record<string, Table | undefined>>): DirectMetrics | undefined {
  if (process.env.NIANBAO_NO_DIRECT_METRICS === '1') return undefined;
  const { cmap, hmtx, hhea, head } = tables;
  // Variations change advances (HVAR); fontkit's business.
  if (!cmap || !hmtx || !hhea || !head || tables.fvar) return undefined;
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const within = (t: Table, at: number, size: number) => at >= t.offset && at + size <= t.offset + t.length && at + size <= buffer.length;
  if (!within(hhea, hhea.offset + 34, 2) || !within(head, head.offset + 18, 2) || !within(cmap, cmap.offset, 4)) return undefined;
  const metricsCount = view.getUint16(hhea.offset + 34);
  const unitsPerEm = view.getUint16(head.offset + 18);
  if (metricsCount === 0 || !within(hmtx, hmtx.offset, metricsCount * 4)) return undefined;

  const count = view.getUint16(cmap.offset + 2);
  if (!within(cmap, cmap.offset + 4, count * 8)) return undefined;
  const records = Array.from({ length: count }, (_, i) => {
    const at = cmap.offset + 4 + i * 8;
    return { platform: view.getUint16(at), encoding: view.getUint16(at + 2), offset: cmap.offset + view.getUint32(at + 4) };
  });
  let subtable: number | undefined;
  for (const [platform, encoding] of PREFERRED) {
    const found = records.find((r) => r.platform === platform && r.encoding === encoding);
    if (found) {
      subtable = found.offset;
      break;
    }
  }
  if (subtable === undefined || !within(cmap, subtable, 2)) return undefined;
  // fontkit also consults a format 14 subtable, only for variation selectors (never asked here).
  const format = view.getUint16(subtable);
  let glyphId: (codePoint: number) => number;
  if (format === 4) {
    if (!within(cmap, subtable, 14)) return undefined;
    const segCount = view.getUint16(subtable + 6) / 2;
    const ends = subtable + 14;
    const starts = ends + segCount * 2 + 2;
    const deltas = starts + segCount * 2;
    const rangeOffsets = deltas + segCount * 2;
    if (!within(cmap, rangeOffsets, segCount * 2)) return undefined;
    const subtableEnd = Math.min(cmap.offset + cmap.length, buffer.length);
    glyphId = (codePoint) => {
      let min = 0;
      let max = segCount - 1;
      while (min <= max) {
        const mid = (min + max) >> 1;
        if (codePoint < view.getUint16(starts + mid * 2)) max = mid - 1;
        else if (codePoint > view.getUint16(ends + mid * 2)) min = mid + 1;
        else {
          const rangeOffset = view.getUint16(rangeOffsets + mid * 2);
          const delta = view.getInt16(deltas + mid * 2);
          if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
          // glyphIndexArray follows idRangeOffset: the index as fontkit computes it.
          const index = rangeOffset / 2 + (codePoint - view.getUint16(starts + mid * 2)) - (segCount - mid);
          const at = rangeOffsets + segCount * 2 + index * 2;
          const gid = at + 2 <= subtableEnd ? view.getUint16(at) : 0;
          return gid === 0 ? 0 : (gid + delta) & 0xffff;
        }
      }
      return 0;
    };
  } else if (format === 12) {
    if (!within(cmap, subtable, 16)) return undefined;
    const groups = view.getUint32(subtable + 12);
    const first = subtable + 16;
    if (!within(cmap, first, groups * 12)) return undefined;
    glyphId = (codePoint) => {
      let min = 0;
      let max = groups - 1;
      while (min <= max) {
        const mid = (min + max) >> 1;
        const at = first + mid * 12;
        if (codePoint < view.getUint32(at)) max = mid - 1;
        else if (codePoint > view.getUint32(at + 4)) min = mid + 1;
        else return view.getUint32(at + 8) + (codePoint - view.getUint32(at));
      }
      return 0;
    };
  } else return undefined;

  const advance = (id: number) => view.getUint16(hmtx.offset + Math.min(id, metricsCount - 1) * 4);
  return { glyphId, advance, unitsPerEm };
}
