/**
 * Control characters typed into a source (ESC, BEL, NUL, bidi overrides …): no font draws them,
 * so they would print as a blank or reorder the text around them. They usually come in with a
 * paste from another program, and the clerk cannot see them in the editor.
 */
import type { Diagnostic } from '../diagnostics/types.js';

// C0 but tab, line feed and carriage return; DEL; C1; the bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- finding these characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL，空字符',
  0x07: 'BEL，响铃符',
  0x08: 'BS，退格符',
  0x0c: 'FF，换页符',
  0x1b: 'ESC，转义符',
  0x7f: 'DEL，删除符',
  0x202e: '从右到左覆盖符',
};

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** One error per line that holds such a character, at its first one. */
export function checkInvisibleCharacters(file: string, text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const match = INVISIBLE.exec(line);
    if (!match) return;
    const ch = match[0];
    const name = NAMES[ch.codePointAt(0) ?? -1];
    diagnostics.push({
      file,
      position: { line: index + 1, column: match.index + 1 },
      severity: 'error',
      code: 'control-character',
      message: `这里有一个看不见的控制字符 ${codePoint(ch)}${name ? `（${name}）` : ''}，PDF 里会印成空白或打乱前后的文字`,
      hint: '删除它（多半是从别的软件复制粘贴时带进来的）；编辑器里可能看不见，可在这一列前后各删一个字再重新输入',
    });
  });
  return diagnostics;
}
