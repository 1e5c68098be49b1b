/**
 * Bookmarks that open at their heading. pdfmake 0.3.11 creates each bookmark with pdfkit's
 * `outline.addItem(title, { expanded })`, and pdfkit 0.19 turns the missing `left`/`top` into
 * [page /XYZ pageWidth pageHeight 0]: the page's top right corner, so a reader zoomed in lands
 * beside the page, and on a long page far above the heading. Neither offers a hook, so this
 * module, the only place nianbao reaches into pdfmake's internals, wraps pdfmake's
 * `Renderer.prototype.renderLine` (which knows the line's y) and, after pdfmake has added the
 * bookmark, rewrites its destination to [page /XYZ null top null]: the line's top, the zoom
 * and horizontal position kept (ISO 32000-1, 12.3.2.2).
 *
 * Checked against PDFMAKE_VERSION (package.json pins it; test/outline.test.ts checks both).
 * If the internal is missing or shaped differently, nothing is wrapped or rewritten and the
 * bookmarks keep pdfmake's own page destinations.
 */
export const PDFMAKE_VERSION = '0.3.11';

interface OutlineItem {
  outlineData: { Dest?: unknown };
}
interface RenderedLine {
  _outline?: { id?: string };
}
interface RendererLike {
  outlineMap?: Record<string, OutlineItem | undefined>;
}
type RenderLine = (this: RendererLike, line: RenderedLine, x: number, y: number) => unknown;

let enabled = true;
let installed: Promise<boolean> | undefined;

/** Turns the rewrite off (true: on, the default); off, the PDF is exactly pdfmake's own. */
export function setOutlineDestinations(on: boolean): void {
  enabled = on;
}

function pointAtLine(renderer: RendererLike, line: RenderedLine, y: number): void {
  const id = line._outline?.id;
  if (id === undefined || typeof y !== 'number') return;
  const item = renderer.outlineMap?.[id];
  const dest = item?.outlineData.Dest;
  if (!item || !Array.isArray(dest) || dest[1] !== 'XYZ') return;
  const page = dest[0] as { data?: { MediaBox?: number[] } } | undefined;
  const height = page?.data?.MediaBox?.[3];
  if (typeof height !== 'number') return;
  item.outlineData.Dest = [page, 'XYZ', null, height - y, null];
}

/** Wraps pdfmake's renderLine once per process; resolves to whether the wrap is in place. */
export function installOutlineDestinations(): Promise<boolean> {
  installed ??= import('pdfmake/js/Renderer.js').then(
    (module: { default?: unknown }) => {
      // CommonJS with __esModule: the class is exports.default, met as default or default.default.
      const exported = module.default as { default?: unknown } | undefined;
      const Renderer = (typeof exported === 'function' ? exported : exported?.default) as { prototype?: { renderLine?: RenderLine } } | undefined;
      const proto = Renderer?.prototype;
      const original = proto?.renderLine;
      if (!proto || typeof original !== 'function') return false;
      proto.renderLine = function renderLine(this: RendererLike, line: RenderedLine, x: number, y: number) {
        const result = original.call(this, line, x, y);
        if (enabled && line?._outline) pointAtLine(this, line, y);
        return result;
      };
      return true;
    },
    () => false,
  );
  return installed;
}
