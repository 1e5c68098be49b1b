import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonFolder, planOutputs } from '../src/files/outputs.js';

describe('where each source builds to', () => {
  const cwd = '/home/clerk';

  it('beside the source, or -o', () => {
    expect(planOutputs(['乡镇/城关镇.md'], {}, cwd)).toEqual([{ source: '乡镇/城关镇.md', pdf: '乡镇/城关镇.pdf' }]);
    expect(planOutputs(['r.md'], { out: 'out.pdf', html: true }, cwd)).toEqual([{ source: 'r.md', pdf: 'out.pdf', html: 'out.html' }]);
  });

  it('--out-dir keeps the sources\' folders below their common folder', () => {
    const plan = planOutputs(['乡镇/城关镇/2024.md', '乡镇/南龙镇/2024.md', '乡镇/2024.md'], { outDir: 'pdf', html: true }, cwd);
    expect(plan.map((t) => [t.pdf, t.html])).toEqual([
      ['pdf/城关镇/2024.pdf', 'pdf/城关镇/2024.html'],
      ['pdf/南龙镇/2024.pdf', 'pdf/南龙镇/2024.html'],
      ['pdf/2024.pdf', 'pdf/2024.html'],
    ]);
    // Sources in one folder go straight into it, whatever the folder.
    expect(planOutputs(['../年报/a.md', '../年报/b.md'], { outDir: 'pdf' }, cwd).map((t) => t.pdf)).toEqual(['pdf/a.pdf', 'pdf/b.pdf']);
  });

  it('the common folder of sources given by relative and absolute paths', () => {
    expect(commonFolder(['a/r.md', '/home/clerk/a/b/r.md'], cwd)).toBe('/home/clerk/a');
    expect(commonFolder(['/srv/r.md', '/home/r.md'], cwd)).toBe(path.sep);
    expect(planOutputs(['/srv/r.md', '/home/r.md'], { outDir: 'pdf' }, cwd).map((t) => t.pdf)).toEqual(['pdf/srv/r.pdf', 'pdf/home/r.pdf']);
  });
});
