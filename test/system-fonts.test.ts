/**
 * Installed fonts are found by file name under the system font folders, up to four folders
 * deep, through symbolic links to folders, never inside a folder whose name has a dot.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFonts } from '../src/fonts/resolve.js';

describe('installed fonts', () => {
  it('are found by name, four folders deep, through links, not in dotted folders', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'nianbao-home-'));
    const fonts = path.join(home, '.fonts');
    const put = (file: string) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, '');
    };
    put(path.join(fonts, 'a', 'b', 'simfang.ttf'));
    const elsewhere = path.join(home, 'elsewhere');
    put(path.join(elsewhere, 'SimHei.TTF'));
    symlinkSync(elsewhere, path.join(fonts, 'linked'));
    symlinkSync(path.join(home, 'missing'), path.join(fonts, 'broken'));
    put(path.join(fonts, 'with.dot', 'simkai.ttf'));
    put(path.join(fonts, '1', '2', '3', '4', 'simsun.ttf'));
    put(path.join(fonts, '1', '2', '3', '4', '5', '方正小标宋简体.ttf'));
    const report = mkdtempSync(path.join(tmpdir(), 'nianbao-report-'));
    const before = process.env.HOME;
    process.env.HOME = home;
    try {
      const byRole = Object.fromEntries(resolveFonts(report, {}).map((font) => [font.role, font]));
      expect(byRole.正文).toMatchObject({ source: 'system', file: path.join(fonts, 'a', 'b', 'simfang.ttf') });
      expect(byRole.一级标题).toMatchObject({ source: 'system', file: path.join(fonts, 'linked', 'SimHei.TTF') });
      expect(byRole.页码).toMatchObject({ source: 'system', file: path.join(fonts, '1', '2', '3', '4', 'simsun.ttf') });
      expect(byRole.二级标题?.source).toBe('shipped');
      expect(byRole.标题?.source).toBe('shipped');
    } finally {
      process.env.HOME = before;
    }
  });
});
