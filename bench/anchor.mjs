// Where the raw-pdfmake anchor is: the reference folder beside the repository (`shared/bench`,
// as in a developer's or CI's checkout), or NIANBAO_SHARED/bench. A user's clone has neither,
// and the bench then measures nianbao alone.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The anchor's files, which the anchor script imports from each other. */
export const ANCHOR_FILES = ['anchor-pdfmake.mjs', 'reference-content.mjs'];

/** `{ dir }` when every anchor file is there, else `{ missing }`: the paths looked for. */
export function findAnchor(env = process.env) {
  const shared = env.NIANBAO_SHARED ? path.resolve(env.NIANBAO_SHARED) : path.resolve(root, '..', 'shared');
  const dir = path.join(shared, 'bench');
  const missing = ANCHOR_FILES.map((f) => path.join(dir, f)).filter((f) => !existsSync(f));
  return missing.length ? { dir, missing } : { dir };
}
