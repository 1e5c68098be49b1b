/**
 * Which Markdown files are nianbao reports: the rule an editor applies before it starts
 * `nianbao lsp` for a document (the VS Code extension, editors/vscode), and that the server can
 * apply to leave other Markdown alone. Pure and cheap: it reads the front matter's top-level keys
 * as lines, without parsing YAML, so a half-typed report (no closing `---` yet, a YAML error) is
 * still recognised and gets its diagnostics.
 */
import { FRONT_MATTER_FIELDS } from '../model/fields.js';

/**
 * The keys that make a front matter a report's: the required 年度 and 机关, and the three tables.
 * Generic keys (标题, 格式, 模板, 署名) are left out: other Markdown (a blog post, a Hugo page)
 * may have a 标题 of its own.
 */
export const REPORT_KEYS: readonly string[] = FRONT_MATTER_FIELDS.filter((f) => f.required || f.type === 'table').map((f) => f.key);

/** Lines of front matter looked at, at most: a report's keys come in its first lines, and a huge file costs nothing. */
const MAX_LINES = 2000;

// YAML takes `年度: 2024` as a key, `年度:2024` as text; a full-width colon is a key the checker
// reports (yaml-syntax), with or without a space after it.
const KEY_LINE = new RegExp(`^(?:${REPORT_KEYS.join('|')}|"(?:${REPORT_KEYS.join('|')})"|'(?:${REPORT_KEYS.join('|')})')[ \\t]*(?::(?=\\s|$)|：)`, 'u');

/**
 * True when the text opens with a `---` front matter that has, at its top level (no indent), one
 * of REPORT_KEYS: `年度: 2024`, `机关:`, `依申请公开:` (a full-width colon too, a mistake the
 * checker reports as yaml-syntax). Lines end in LF, CRLF or CR, as editors keep them. The front
 * matter ends at its closing `---` or `...`; if it has none, the whole text is looked at
 * (`front-matter-unclosed` is the checker's to report).
 */
export function isReportSource(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, MAX_LINES);
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return false;
  for (const line of lines.slice(1)) {
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) return false;
    if (KEY_LINE.test(line)) return true;
  }
  return false;
}
