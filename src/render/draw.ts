/**
 * The PDF renderer of placed pages (layout/placed.ts): every line and rule is already where it
 * goes, so this only draws them on pdfmake's PDF document (pdfkit with pdfmake's font registry):
 * one text operation a run, one stroke a rule, a bookmark for the title and each heading, opening
 * at its line. Fonts are embedded as subsets, one per font file.
 */
import type { FontRole } from '../document/types.js';
import type { LoadedFont } from '../fonts/resolve.js';
import type { PlacedDocument, PlacedText } from '../layout/placed.js';
import type { OutlineItem, PdfKitDocument } from 'pdfmake/js/PDFDocument.js';
import { PageContent, pageContentWorks } from './page-content.js';

type DocumentClass = new (fonts: object, images: object, patterns: object, attachments: object, options: Record<string, unknown>) => PdfKitDocument;
let documentClass: Promise<DocumentClass> | undefined;

/** pdfmake's document class, imported on first render (`check` never pays for it). */
function pdfDocument(): Promise<DocumentClass> {
  documentClass ??= import('pdfmake/js/PDFDocument.js').then((module: { default?: unknown }) => {
    // CommonJS with __esModule: the class is exports.default, met as default or default.default.
    const exported = module.default as { default?: unknown } | undefined;
    return (typeof exported === 'function' ? exported : exported?.default) as DocumentClass;
  });
  return documentClass;
}

/** Bookmark ids: each bookmark's line also gets a named destination (as pdfmake writes them). */
export const OUTLINE_ID_PREFIX = 'nianbao-outline-';

/** The PDF of placed pages, in the faces of `fonts` (a role's font drawn from its file). */
export async function drawPdf(placed: PlacedDocument, fonts: Readonly<Record<FontRole, LoadedFont>>, options: { readonly pageContent?: boolean } = {}): Promise<Buffer> {
  const PDFDocument = await pdfDocument();
  const { info } = placed;
  const doc = new PDFDocument({}, {}, {}, {}, {
    size: [placed.width, placed.height],
    pdfVersion: '1.4',
    lang: placed.language,
    compress: true,
    autoFirstPage: false,
    bufferPages: false,
    // No default font: pdfkit would load Helvetica's metrics for nothing.
    font: null,
    info: {
      Producer: info.producer,
      Creator: info.creator,
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Keywords: info.keywords,
      CreationDate: info.creationDate,
      ModDate: info.creationDate,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const registered = new Set<string>();
  const useFont = (role: FontRole) => {
    const font = fonts[role];
    if (!registered.has(font.file)) {
      doc.registerFont(font.file, font.buffer);
      registered.add(font.file);
    }
    doc.font(font.file);
    return font;
  };
  /** The open bookmark of each level, for nesting: a heading under the nearest shallower one. */
  const open: { level: number; item: OutlineItem }[] = [];
  let bookmarks = 0;

  const direct = (options.pageContent ?? true) && pageContentWorks(doc);
  let content: PageContent | undefined;

  const drawText = (line: PlacedText) => {
    let destination: string | undefined;
    if (line.bookmark) {
      destination = `${OUTLINE_ID_PREFIX}${bookmarks++}`;
      const { level, title } = line.bookmark;
      while ((open[open.length - 1]?.level ?? -1) >= level) open.pop();
      // The six parts stand beside the title, not under it.
      const parent = level === 0 ? doc.outline : (open[open.length - 1]?.item ?? doc.outline);
      const item = parent.addItem(title, { expanded: false });
      // Open at the line's top, zoom and horizontal position kept (ISO 32000-1, 12.3.2.2).
      const dest = item.outlineData.Dest;
      if (Array.isArray(dest)) item.outlineData.Dest = [dest[0], 'XYZ', null, placed.height - line.top, null];
      if (level > 0) open.push({ level, item });
    }
    for (const run of line.runs) {
      const font = useFont(run.role);
      const ascent = font.font.ascent / font.font.unitsPerEm;
      if (content) {
        if (destination !== undefined) doc.addNamedDestination(destination, 'XYZ', run.x, line.baseline - ascent * run.size, null);
        destination = undefined;
        if (content.text(run.text, run.x, line.baseline, run.size, line.spacing, line.ink)) continue;
        content.flush();
      }
      doc.fillColor(line.ink ? [...line.ink] : 'black');
      doc.fontSize(run.size);
      doc.text(run.text, run.x, line.baseline - ascent * run.size, {
        lineBreak: false,
        ...(line.spacing !== 0 ? { characterSpacing: line.spacing } : {}),
        ...(destination !== undefined ? { destination } : {}),
      });
      destination = undefined;
    }
  };

  for (const page of placed.pages) {
    doc.addPage({ size: [placed.width, placed.height], margin: 0 });
    content = direct ? new PageContent(doc) : undefined;
    for (const item of page.items) {
      if (item.kind === 'text') drawText(item);
      else if (content) content.rule(item.x1, item.y1, item.x2, item.y2, item.width, item.ink);
      else doc.lineWidth(item.width).moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke(item.ink ? [...item.ink] : 'black');
    }
    content?.flush();
  }
  doc.end();
  return done;
}
