/**
 * pdfjs-dist, loaded when a PDF is first read. It is an ES module that finds its worker beside
 * itself, so it stays out of the command line's bundle (scripts/bundle.mjs marks it external)
 * and is imported from node_modules; commands that read no PDF never load it. The bundle runs
 * as a vm script, where import() has no loader: there src/bundle/load.ts lends its own.
 */
export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type Ops = Pdfjs['OPS'];

const PDFJS = 'pdfjs-dist/legacy/build/pdf.mjs';
let loading: Promise<Pdfjs> | undefined;

export function pdfjs(): Promise<Pdfjs> {
  const lent = (globalThis as { nianbaoImport?: (specifier: string) => Promise<unknown> }).nianbaoImport;
  loading ??= lent ? (lent(PDFJS) as Promise<Pdfjs>) : import('pdfjs-dist/legacy/build/pdf.mjs');
  return loading;
}
