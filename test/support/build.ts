import { readFileSync } from 'node:fs';
import { buildSource, type BuildResult } from '../../src/build/index.js';
import { type PdfDocument, readPdf } from './pdf.js';

const cache = new Map<string, Promise<BuildResult & { document?: PdfDocument }>>();

/** Builds a source once per test run, with the shipped fonts only (independent of the machine). */
export function built(file: string, text = readFileSync(file, 'utf8')): Promise<BuildResult & { document?: PdfDocument }> {
  const key = `${file}\n${text}`;
  let result = cache.get(key);
  if (!result) {
    result = buildSource(file, text, { force: true, systemFonts: false }).then(async (r) => ({
      ...r,
      ...(r.pdf ? { document: await readPdf(r.pdf) } : {}),
    }));
    cache.set(key, result);
  }
  return result;
}
