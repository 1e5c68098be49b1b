import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALID } from './support/check.js';
import { nianbao, ROOT, scratch } from './support/cli.js';

const FANG = readFileSync(path.join(ROOT, 'fonts/FandolFang-Regular.ttf'));

describe('a font cut short (found by the watch tests: a font recreated while watch rebuilt gave 内部错误 … isFixedPitch)', () => {
  it.each([3_000_000, 40_000, 200])('a 仿宋_GB2312.ttf beside the report cut at %i bytes is a font error naming it, no PDF, no 内部错误', (bytes) => {
    const dir = scratch({ 'r.md': VALID });
    writeFileSync(path.join(dir, '仿宋_GB2312.ttf'), FANG.subarray(0, bytes));
    const run = nianbao(['build', 'r.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).not.toContain('内部错误');
    expect(run.stdout).toMatch(/^r\.md:1:1 错误 font (字体文件“.*仿宋_GB2312\.ttf”不完整或已损坏|“.*仿宋_GB2312\.ttf”不是可用的 TrueType\/OpenType 字体)/m);
    expect(() => readFileSync(path.join(dir, 'r.pdf'))).toThrow();
  });
});
