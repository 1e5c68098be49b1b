/**
 * Whether a file nianbao is about to replace is one nianbao wrote. A build writes `x.pdf` (and
 * `x.html`, `x.docx`) beside `x.md`; when `x.md` was imported from a published `x.pdf`, `x.html`
 * or `x.docx`, that file is the original, and replacing it would lose it. Each output carries a
 * mark of its maker where its format keeps one: the PDF's XMP and Info Producer (near its end),
 * the page's `<meta name="generator">` (in its head), the zip comment of the Word file (its last bytes).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { PRODUCER as OUTPUT_MARK } from '../document/types.js';

/** How far from its start (HTML) or end (PDF, DOCX) a file's mark is looked for. */
const LOOK = 64 * 1024;

async function ends(file: string): Promise<{ head: string; tail: string }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, LOOK));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, LOOK));
    await handle.read(tail, 0, tail.length, Math.max(0, size - tail.length));
    return { head: head.toString('latin1'), tail: tail.toString('latin1') };
  } finally {
    await handle.close();
  }
}

/**
 * True when `file` (an existing regular file at an output path) was written by nianbao, judged
 * by its extension's mark; an empty file counts as nianbao's (an interrupted write leaves none).
 */
export async function madeByNianbao(file: string): Promise<boolean> {
  const { head, tail } = await ends(file);
  if (head.length === 0) return true;
  switch (path.extname(file).toLowerCase()) {
    case '.pdf':
      return tail.includes(`<pdf:Producer>${OUTPUT_MARK}</pdf:Producer>`) || tail.includes(`/Producer (${OUTPUT_MARK})`);
    case '.html':
      return head.includes(`<meta name="generator" content="${OUTPUT_MARK}">`);
    case '.docx':
      return tail.endsWith(OUTPUT_MARK);
    default:
      return true;
  }
}
