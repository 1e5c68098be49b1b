import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../src/pipeline.js';

const VALID = readFileSync('test/fixtures/valid.md', 'utf8');
const codes = (text: string) => checkSource('r.md', text).diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.code}`);

describe('control characters in the narrative (found by the structure-aware fuzz: they printed as blanks, exit 0)', () => {
  it('a BEL pasted into a paragraph is an error at its line and column', () => {
    const line = VALID.split('\n').findIndex((l) => l.includes('公开的及时性还需提高。')) + 1;
    const text = VALID.replace('公开的及时性还需提高。', '公开的及时\u0007性还需提高。');
    const column = (text.split('\n')[line - 1] as string).indexOf('\u0007') + 1;
    const found = checkSource('r.md', text).diagnostics.filter((d) => d.code === 'control-character');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ position: { line, column }, severity: 'error' });
    expect(found[0]?.message).toBe('这里有一个看不见的控制字符 U+0007（BEL，响铃符），PDF 里会印成空白或打乱前后的文字');
  });

  it('an ESC sequence and a right-to-left override are each named', () => {
    const text = VALID.replace('公开的及时性还需提高。', '公开的\u001b[2J及时性还需提高。\n\n再\u202e一段。');
    const messages = checkSource('r.md', text).diagnostics.filter((d) => d.code === 'control-character').map((d) => d.message);
    expect(messages).toEqual([
      '这里有一个看不见的控制字符 U+001B（ESC，转义符），PDF 里会印成空白或打乱前后的文字',
      '这里有一个看不见的控制字符 U+202E（从右到左覆盖符），PDF 里会印成空白或打乱前后的文字',
    ]);
  });

  it('tabs, line ends and ordinary text raise nothing', () => {
    expect(codes(VALID.replace(/\n/g, '\r\n')).filter((c) => c.endsWith('control-character'))).toEqual([]);
    expect(codes(VALID).filter((c) => c.endsWith('control-character'))).toEqual([]);
  });
});
