/** The part of pdfkit (pdfmake's engine) the tests use to make PDFs a scanner or a locked file would be. */
declare module 'pdfkit' {
  export interface PdfKitOptions {
    size?: string;
    margin?: number;
    userPassword?: string;
    pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
  }
  export interface PdfKitDocument {
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    image(source: Buffer, x: number, y: number, options?: { width?: number }): this;
    addPage(): this;
    fontSize(size: number): this;
    text(text: string, x?: number, y?: number, options?: { lineBreak?: boolean }): this;
    font(file: string): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    lineWidth(width: number): this;
    stroke(): this;
    rect(x: number, y: number, width: number, height: number): this;
    fill(colour?: string): this;
    end(): void;
  }
  const PDFDocument: new (options?: PdfKitOptions) => PdfKitDocument;
  export default PDFDocument;
}
