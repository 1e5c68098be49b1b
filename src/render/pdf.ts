/**
 * The pdfmake sink. Fonts are read into pdfmake's virtual file system once per process; pdfmake
 * may fetch no URL and read no local file; the definition is built fresh for every render.
 */
import type { LoadedFont } from '../fonts/resolve.js';
import { GRID_PADDING_X, GRID_PADDING_Y, GRID_RULE } from '../template/tables.js';
import { installOutlineDestinations } from './outline-destinations.js';

type PdfMake = typeof import('pdfmake').default;
let pdfmakePromise: Promise<PdfMake> | undefined;
/** Virtual file name → the buffer registered under it (a font changed on disk is registered again). */
const registered = new Map<string, Buffer>();

/** pdfmake is imported on first render only: `check` never pays for it. */
function pdfmake(): Promise<PdfMake> {
  pdfmakePromise ??= Promise.all([import('pdfmake'), installOutlineDestinations()]).then(([module]) => {
    const instance = module.default;
    instance.setUrlAccessPolicy(() => false);
    instance.setLocalAccessPolicy(() => false);
    instance.addTableLayouts({
      nianbaoGrid: {
        hLineWidth: () => GRID_RULE,
        vLineWidth: () => GRID_RULE,
        paddingLeft: () => GRID_PADDING_X,
        paddingRight: () => GRID_PADDING_X,
        paddingTop: () => GRID_PADDING_Y,
        paddingBottom: () => GRID_PADDING_Y,
      },
    });
    return instance;
  });
  return pdfmakePromise;
}

/** pdfmake family name → font for each style (normal, bold, italics, bolditalics). */
export type Families = Record<string, { normal: LoadedFont; bold?: LoadedFont; italics?: LoadedFont; bolditalics?: LoadedFont }>;

export async function renderPdf(definition: Record<string, unknown>, families: Families): Promise<Buffer> {
  const instance = await pdfmake();
  const descriptors: Record<string, Record<string, string>> = {};
  for (const [family, faces] of Object.entries(families)) {
    const entry: Record<string, string> = {};
    for (const [style, font] of Object.entries(faces)) {
      if (!font) continue;
      const name = `fonts/${font.file}`;
      if (registered.get(name) !== font.buffer) {
        instance.virtualfs.writeFileSync(name, font.buffer);
        registered.set(name, font.buffer);
      }
      entry[style] = name;
    }
    entry.bold ??= entry.normal ?? '';
    entry.italics ??= entry.normal ?? '';
    entry.bolditalics ??= entry.bold;
    descriptors[family] = entry;
  }
  instance.setFonts(descriptors);
  return instance.createPdf(definition).getBuffer();
}
