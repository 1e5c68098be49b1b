/**
 * The watch loop reuses what an edit did not change (measured blocks, deflated streams); its PDF
 * after every save must be, byte for byte, what a cold `nianbao build` of the same text writes.
 * Edits of the bench's 10-page reference: a paragraph longer by a sentence (the pages after it
 * move), a heading, a number in a table, a new character no page had, the source back as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nianbao, ROOT, scratch } from './support/cli.js';
import { Running } from './support/spawn.js';

const BUILT = /^(已生成|未更新|未找到|无法|文件操作失败|内部错误)/;
const REFERENCE = readFileSync(path.join(ROOT, 'bench/reference-2024.md'), 'utf8');

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('watch rebuilds are cold builds', () => {
  it('the same bytes as `nianbao build` after each edit', async () => {
    const dir = scratch({ 'r.md': REFERENCE });
    const watch = new Running(['watch', 'r.md'], dir);
    running = watch;
    await watch.until(/正在监视 1 个源文件/);
    const firstSentence = REFERENCE.indexOf('。', REFERENCE.indexOf('\n---\n'));
    expect(firstSentence).toBeGreaterThan(0);
    const edits = [
      REFERENCE.slice(0, firstSentence + 1) + '这一段多了一句话，后面的各页都要重新分页。' + REFERENCE.slice(firstSentence + 1),
      REFERENCE.replace(/^## (.+)$/m, '## $1（修改）'),
      REFERENCE.replace(/行政处罚: (\d+)/, (_, n: string) => `行政处罚: ${Number(n) + 1}`),
      REFERENCE.slice(0, firstSentence + 1) + '鹦鹉螺。' + REFERENCE.slice(firstSentence + 1),
      REFERENCE,
    ];
    for (const [k, text] of edits.entries()) {
      expect(text === REFERENCE || text !== edits[k - 1], `edit ${k} changes the source`).toBe(true);
      const line = await watch.next(BUILT, () => writeFileSync(path.join(dir, 'r.md'), text));
      expect(line, `edit ${k}`).toMatch(/^已生成 r\.pdf/);
      writeFileSync(path.join(dir, 'cold.md'), text);
      expect(nianbao(['build', 'cold.md', '-o', 'cold.pdf'], dir).status).toBe(0);
      expect(readFileSync(path.join(dir, 'r.pdf')).equals(readFileSync(path.join(dir, 'cold.pdf'))), `edit ${k}: watch PDF = cold PDF`).toBe(true);
    }
  });
});
