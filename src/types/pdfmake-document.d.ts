// pdfmake's PDFDocument (pdfkit's document with pdfmake's font registry): the part nianbao's
// renderer of placed pages uses (src/render/draw.ts). pdfkit's own API; pdfmake 0.3.11.
declare module 'pdfmake/js/PDFDocument.js' {
  export interface OutlineItem {
    readonly outlineData: { Dest?: unknown[] };
    addItem(title: string, options?: { expanded?: boolean }): OutlineItem;
  }
  export interface PdfKitPage {
    readonly height: number;
    readonly dictionary: unknown;
  }
  export interface PdfKitDocument {
    readonly outline: OutlineItem;
    readonly page: PdfKitPage;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: unknown) => void): this;
    addPage(options?: { size?: readonly [number, number]; margin?: number }): this;
    registerFont(name: string, source: Buffer): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(colour: string | readonly number[]): this;
    strokeColor(colour: string | readonly number[]): this;
    text(text: string, x: number, y: number, options?: { lineBreak?: boolean; characterSpacing?: number; destination?: string }): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    lineWidth(width: number): this;
    stroke(colour?: string | readonly number[]): this;
    addNamedDestination(name: string, fit: 'XYZ', left: number | null, top: number | null, zoom: number | null): void;
    end(): void;
  }
  const PDFDocument: {
    default: new (fonts: object, images: object, patterns: object, attachments: object, options: Record<string, unknown>) => PdfKitDocument;
  };
  export default PDFDocument;
}
