import { describe, expect, it } from 'vitest';
import { resolveLeafStyles } from '../src/layout/resolve-styles.js';

describe('leaf styles resolved before pdfmake', () => {
  it('takes each property from the nearest ancestor or named style, then the default style, then pdfmake’s default', () => {
    const line = { text: '申请人情况', noWrap: true };
    const own = { text: '（一）', color: 'red', style: 'h2' };
    const content = [
      { table: { body: [[{ stack: [line], alignment: 'center' }]] }, style: 'table', fontSize: 10.5 },
      own,
      { text: ['rich', 'runs'], style: 'h2' },
    ];
    resolveLeafStyles(content, { table: { lineHeight: 1.08 }, h2: { font: 'Kai', leadingIndent: 32 } }, { font: 'Body', fontSize: 16, lineHeight: 1.8 });
    expect(line).toMatchObject({ font: 'Body', fontSize: 10.5, lineHeight: 1.08, alignment: 'center', color: 'black', bold: false, characterSpacing: 0, leadingIndent: 0, noWrap: true });
    expect(own).toMatchObject({ font: 'Kai', color: 'red', fontSize: 16, leadingIndent: 32, alignment: 'left' });
    // Text made of runs is left to pdfmake.
    expect(content[2]).toEqual({ text: ['rich', 'runs'], style: 'h2' });
  });
});
