// The part of linebreak (UAX #14, already a dependency of pdfkit) that nianbao uses.
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { readonly position: number; readonly required: boolean } | null;
  }
}
