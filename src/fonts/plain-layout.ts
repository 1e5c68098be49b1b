/**
 * Plain text laid out without the shaper. pdfkit lays out every string it measures or draws with
 * fontkit's `font.layout`, which runs the whole OpenType shaping machinery (script detection, a
 * shaping plan, GPOS lookups decoded and walked) for every distinct string: ~80 ms of a cold
 * build and ~25 ms of every watch rebuild, for nothing: the Fandol faces have no GSUB table and
 * their GPOS has only features fontkit never applies unless asked (halt, vhal, cpct …).
 *
 * For such a face, and a string of only characters no shaping touches (hanzi, CJK and
 * full-width punctuation, Latin letters and digits: no combining marks, variation selectors,
 * default-ignorables or right-to-left scripts), fontkit's result is one glyph per code point from
 * the cmap, each advanced by its hmtx width and nothing else. This module computes exactly that,
 * as a run of the shape pdfkit reads (glyphs, positions, advanceWidth); anything else goes to
 * fontkit as before. Off with NIANBAO_NO_PLAIN_LAYOUT=1 (test/plain-layout.test.ts: the PDFs
 * are byte-identical either way, and the runs equal fontkit's).
 *
 * Relies on fontkit's TTFFont.prototype.layout(string, features, …) and pdfkit's use of its run
 * (EmbeddedFont.layoutRun: glyphs[i].id / advanceWidth / codePoints, positions[i], advanceWidth),
 * checked against the pinned versions below; when `layout` is not there nothing is patched.
 */
import type * as Fontkit from 'fontkit';
import { type DirectMetrics, directMetrics } from './metrics.js';

export const FONTKIT_VERSION = '2.0.4';

/** OpenType features fontkit applies only when asked: a face whose GSUB/GPOS has only these shapes nothing. */
const OPTIONAL_FEATURES = new Set([
  'halt', 'vhal', 'palt', 'vpal', 'cpct', 'ujis', 'gbps', 'scps', 'vkrn', 'vert', 'vrt2', 'vrtr', 'vkna',
  'hwid', 'fwid', 'pwid', 'twid', 'qwid', 'trad', 'smpl', 'jp78', 'jp83', 'jp90', 'jp04', 'nlck', 'expt',
  'hojo', 'ruby', 'hkna', 'ital', 'zero', 'sups', 'subs', 'ordn', 'frac', 'dlig', 'hlig', 'salt', 'swsh',
]);

/**
 * Characters no shaper changes in a face without default features: printable ASCII and Latin,
 * general punctuation, symbols, CJK punctuation, kana, hanzi and full-width forms. Left out on
 * purpose: combining marks (U+0300–036F, 20D0–20FF, 302A–302F, 3099–309A), variation selectors,
 * default-ignorables (U+00AD, 200B–200F, 2060–206F, FFA0 …), controls, tabs and newlines, and
 * every other script. Surrogate pairs (CJK Extension B …) go to fontkit too.
 */
const PLAIN = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2100-\u2bff\u3000-\u3029\u3030-\u303f\u3041-\u3096\u309b-\u30ff\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f\uffa1-\uffef]*$/;

interface Glyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface TableDirectory {
  readonly tables: Record<string, { readonly offset: number; readonly length: number } | undefined>;
}
interface FontInternals {
  readonly directory: TableDirectory;
  readonly stream: { readonly buffer: Uint8Array };
  glyphForCodePoint(codePoint: number): Glyph;
}
type Layout = (this: FontInternals, text: string, features?: unknown, ...rest: unknown[]) => unknown;

/** The feature tags of a GSUB or GPOS table, read from its FeatureList; undefined if unreadable. */
function featureTags(buffer: Uint8Array, table: { offset: number; length: number }): string[] | undefined {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const end = table.offset + table.length;
  if (table.length < 10 || end > buffer.length) return undefined;
  const list = table.offset + view.getUint16(table.offset + 6);
  if (list + 2 > end) return undefined;
  const count = view.getUint16(list);
  if (list + 2 + count * 6 > end) return undefined;
  const tags: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = list + 2 + i * 6;
    tags.push(String.fromCharCode(buffer[at] ?? 0, buffer[at + 1] ?? 0, buffer[at + 2] ?? 0, buffer[at + 3] ?? 0));
  }
  return tags;
}

/** Whether fontkit's shaping leaves every plain string alone in this face. */
function shapesNothing(font: FontInternals): boolean {
  const tables = font.directory?.tables;
  const buffer = font.stream?.buffer;
  if (!tables || !buffer) return false;
  // AAT shaping, a TrueType kern table (applied by default), variations: the shaper's business.
  if (tables.morx || tables.mort || tables.kern || tables.fvar) return false;
  for (const tag of ['GSUB', 'GPOS'] as const) {
    const table = tables[tag];
    if (!table) continue;
    const tags = featureTags(buffer, table);
    if (!tags || tags.some((t) => !OPTIONAL_FEATURES.has(t))) return false;
  }
  return true;
}

const plainFaces = new WeakMap<object, boolean>();
const metricsByFont = new WeakMap<object, DirectMetrics | null>();

/** A face's cmap and advances read from its bytes (fonts/metrics.ts), once per font; undefined when fontkit must answer. */
export function metricsOf(font: Fontkit.Font): DirectMetrics | undefined {
  let found = metricsByFont.get(font);
  if (found === undefined) {
    const internals = font as unknown as FontInternals;
    found = (internals.directory?.tables && internals.stream?.buffer && directMetrics(internals.stream.buffer, internals.directory.tables)) || null;
    metricsByFont.set(font, found);
  }
  return found ?? undefined;
}

/** fontkit's run for a plain string in a face that shapes nothing: a glyph per code point, hmtx advances. */
export function plainRun(font: FontInternals, text: string): { glyphs: Glyph[]; positions: Position[]; readonly advanceWidth: number } {
  const glyphs: Glyph[] = [];
  const positions: Position[] = [];
  // With the cmap and hmtx read directly, a glyph is only what pdfkit reads of one (its id,
  // advance and code points): fontkit's glyph would decode the outline for its metrics.
  const direct = metricsOf(font as unknown as Fontkit.Font);
  // Those glyph records are kept per face and string across documents (pdfkit lays a string out
  // once per document; a watch rebuild draws mostly the strings of the last one). Positions are
  // fresh: pdfkit scales them in place.
  // By the font's bytes: pdfkit makes a fontkit font of its own for every document.
  const bytes = font.stream.buffer;
  let known = direct ? knownGlyphs.get(bytes) : undefined;
  if (direct && !known) knownGlyphs.set(bytes, (known = new Map()));
  const cached = known?.get(text);
  if (cached) {
    for (const glyph of cached) positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    return run(cached, positions);
  }
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.charCodeAt(i);
    let glyph: Glyph;
    if (direct) {
      const id = direct.glyphId(codePoint);
      glyph = { id, advanceWidth: direct.advance(id), codePoints: [codePoint] };
    } else glyph = font.glyphForCodePoint(codePoint);
    glyphs.push(glyph);
    positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
  }
  if (known) {
    if (known.size > 50_000) known.clear();
    known.set(text, glyphs);
  }
  return run(glyphs, positions);
}

/** Glyph records of plain strings, per face (only where they are ours, not fontkit's glyph objects). */
const knownGlyphs = new WeakMap<object, Map<string, readonly Glyph[]>>();

function run(glyphs: readonly Glyph[], positions: Position[]): { glyphs: Glyph[]; positions: Position[]; readonly advanceWidth: number } {
  return {
    glyphs: glyphs as Glyph[],
    positions,
    // A getter, as fontkit's: pdfkit scales the positions first and reads the sum after.
    get advanceWidth() {
      let width = 0;
      for (const position of positions) width += position.xAdvance;
      return width;
    },
  };
}

let installed = false;
let fontkitLayout: Layout | undefined;

/** fontkit's own layout, unpatched (the test compares the two). */
export function shapedRun(font: Fontkit.Font, text: string): unknown {
  const layout = fontkitLayout ?? (font as unknown as { layout: Layout }).layout;
  return layout.call(font as unknown as FontInternals, text);
}

/**
 * Patches fontkit's layout once per process (the font class is found from a loaded font).
 * Returns whether the patch is in place.
 */
export function installPlainLayout(font: Fontkit.Font): boolean {
  if (installed) return true;
  if (process.env.NIANBAO_NO_PLAIN_LAYOUT === '1') return false;
  const proto = Object.getPrototypeOf(font) as { layout?: Layout };
  const original = proto.layout;
  if (typeof original !== 'function' || !Object.hasOwn(proto, 'layout')) return false;
  installed = true;
  fontkitLayout = original;
  proto.layout = function layout(this: FontInternals, text: string, features?: unknown, ...rest: unknown[]) {
    if (features === undefined && rest.every((r) => r === undefined) && typeof text === 'string' && PLAIN.test(text)) {
      let plain = plainFaces.get(this);
      if (plain === undefined) plainFaces.set(this, (plain = shapesNothing(this)));
      if (plain) return plainRun(this, text);
    }
    return original.call(this, text, features, ...rest);
  };
  return true;
}
