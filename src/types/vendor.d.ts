// Minimal declarations for the parts of fontkit and pdfmake that nianbao uses.
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    readonly familyName: string;
    readonly unitsPerEm: number;
    readonly ascent: number;
    readonly descent: number;
    readonly lineGap: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): { readonly advanceWidth: number };
  }
  export function create(buffer: Buffer): Font | { fonts: Font[] };
}

declare module 'pdfmake' {
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    virtualfs: { writeFileSync(path: string, data: Buffer): void; existsSync(path: string): boolean };
    setFonts(fonts: Record<string, Record<string, string>>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: Record<string, unknown>): OutputDocument;
    addTableLayouts(layouts: Record<string, Record<string, (...args: never[]) => number>>): void;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}

// pdfmake's renderer, reached only by src/render/outline-destinations.ts.
declare module 'pdfmake/js/Renderer.js' {
  const Renderer: unknown;
  export default Renderer;
}
