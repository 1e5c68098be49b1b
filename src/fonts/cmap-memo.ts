/**
 * fontkit's cmap lookups, remembered (issue 17). Every character the layout measures, the
 * preflight checks and pdfkit draws is looked up in the font's cmap, and fontkit decodes the
 * cmap's arrays anew at each lookup (restructure's lazy arrays): ~10,000 lookups of ~1,000
 * characters for the reference report, ~20 ms of a cold build. A lookup depends only on the
 * cmap subtable and the code point, so its answer is kept by subtable; pdfkit's fonts borrow our
 * fonts' tables (resolve.ts), so they find what the layout looked up, in every rebuild too.
 *
 * Relies on fontkit 2.x: a font's `_cmapProcessor` with `lookup(codePoint, variationSelector)`
 * and its Unicode subtable as `cmap` (`encoding` set for the other ones, which are left alone,
 * as are lookups with a variation selector). Without that, nothing is changed. Off with
 * NIANBAO_NO_CMAP_MEMO=1 (test/cmap-memo.test.ts: the same glyphs, the same PDF).
 */

interface CmapProcessor {
  readonly cmap: object | null;
  readonly encoding: unknown;
  lookup(codePoint: number, variationSelector?: number): number;
}

/** Glyph id by code point, for each cmap subtable. */
const glyphIds = new WeakMap<object, Map<number, number>>();
const memoized = new WeakSet<object>();

/** Remembers the lookups of every font whose cmap processor is of the class of `font`'s. */
export function memoizeCmapLookups(font: object): void {
  if (process.env.NIANBAO_NO_CMAP_MEMO === '1') return;
  const processor = (font as { _cmapProcessor?: unknown })._cmapProcessor;
  if (!processor || typeof processor !== 'object') return;
  const proto = Object.getPrototypeOf(processor) as CmapProcessor | null;
  if (!proto || memoized.has(proto) || !Object.hasOwn(proto, 'lookup') || typeof proto.lookup !== 'function') return;
  memoized.add(proto);
  const lookup = proto.lookup;
  proto.lookup = function (this: CmapProcessor, codePoint: number, variationSelector?: number): number {
    if (variationSelector !== undefined || this.encoding || !this.cmap) return lookup.call(this, codePoint, variationSelector);
    let ids = glyphIds.get(this.cmap);
    if (!ids) glyphIds.set(this.cmap, (ids = new Map()));
    let id = ids.get(codePoint);
    if (id === undefined) {
      id = lookup.call(this, codePoint);
      ids.set(codePoint, id);
    }
    return id;
  };
}
