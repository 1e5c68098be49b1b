/**
 * GB/T 9704-2012 measures read on the ink of the built PDF (issue 13, items 3 and 5): text
 * positions from pdfjs-dist, the glyphs' boxes from the shipped fonts (fontkit), the red rule
 * from its drawn path. Within ±0.3 mm: the 发文机关标志's top edge 35 mm below the 版心, the
 * red rule 4 mm below the 发文字号's glyphs, the 一字线's top 7 mm below the 版心, the first body
 * line one blank line below the title, the last 版记 rule on the 版心's bottom edge. Body lines
 * hold 28 characters, are never spread by more than a quarter character, never overprinted.
 */
import { describe, expect, it } from 'vitest';
import { faceInk } from '../src/fonts/ink.js';
import { loadFont } from '../src/fonts/resolve.js';
import { pageGeometry as g } from '../src/page/geometry.js';
import { built } from './support/build.js';
import { edit } from './support/check.js';
import { lines, type PdfDocument, type PdfPage, PT_PER_MM, type TextItem, toMm } from './support/pdf.js';

const TOLERANCE = 0.3;
const LEFT = toMm(g.margins.left);
const RIGHT = LEFT + toMm(g.typeWidth);
const TOP = toMm(g.margins.top);
const BOTTOM = TOP + toMm(g.typeHeight);
const BODY = Math.round(g.bodySize * 100) / 100;
const body = loadFont('fonts/FandolFang-Regular.ttf');
const bodyInk = faceInk(body.font);
const issuerInk = faceInk(loadFont('fonts/FandolSong-Bold.ttf').font);
const titleFont = loadFont('fonts/FandolSong-Bold.ttf');
const pageNumberInk = faceInk(loadFont('fonts/FandolSong-Regular.ttf').font);

const SOURCES = [
  'examples/nanlong-2021.md',
  'examples/longde-chengguan-2021.md',
  'examples/nankou-2020.md',
  'examples/songduo-2021.md',
  'examples/changle-2022.md',
  'bench/reference-2024.md',
  'test/fixtures/published/pingtan-2022.md',
  'test/fixtures/published/shanghai-kewei-2024.md',
  'test/fixtures/published/huaian-2024.md',
];

async function pdf(file: string, text?: string): Promise<PdfDocument> {
  const { document } = await built(file, text);
  if (!document) throw new Error(`no PDF for ${file}`);
  return document;
}

const isPageNumber = (text: string) => /^—\s*\d+\s*—$/.test(text.trim());

/** A run of body text as drawn: where, its characters, the spacing set after each (`Tc`, em). */
interface Run {
  readonly x: number;
  readonly right: number;
  readonly baseline: number;
  readonly chars: readonly string[];
  readonly spacing: number;
}

/** The text objects of a page's content: position (mm from the top-left), `Tc`, glyph count. */
function textObjects(page: PdfPage) {
  return [...page.content.matchAll(/1 0 0 1 ([\d.]+) ([\d.]+) Tm\s+\/F\d+ ([\d.]+) Tf\s+(?:(-?[\d.]+) Tc\s+)?(?:\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)*)\] TJ|(<[0-9a-f]*>) Tj)/g)].map((m) => ({
    x: toMm(Number(m[1])),
    baseline: toMm(841.89 - Number(m[2])),
    size: Number(m[3]),
    // pdfkit writes no Tc for a run without spacing (each run is inside q … Q).
    tc: Number(m[4] ?? 0),
    // A TJ array (pdfkit's text()) or one Tj (the placed pages' runs, render/page-content.ts).
    glyphs: [...(m[5] ?? m[6] ?? '').matchAll(/<([0-9a-f]*)>/g)].reduce((n, h) => n + (h[1]?.length ?? 0) / 4, 0),
  }));
}

/**
 * Body lines nianbao broke (one run alone on its line: one face, no bold), with the spacing set.
 * pdfjs-dist writes a space into a run's text where glyphs stand far apart: those are dropped
 * when the drawn glyphs are fewer than the characters read.
 */
function bodyRuns(document: PdfDocument): Run[] {
  return document.pages.flatMap((page) => {
    const items = page.items.filter((i) => Math.abs(i.size - BODY) < 0.05);
    const objects = textObjects(page);
    return items
      .filter((i) => items.filter((j) => Math.abs(j.baseline - i.baseline) < 0.3).length === 1)
      .flatMap((i: TextItem) => {
        const drawn = objects.find((o) => Math.abs(o.x - i.x) < 0.05 && Math.abs(o.baseline - i.baseline) < 0.05 && Math.abs(o.size - i.size) < 0.05);
        if (!drawn) throw new Error(`no text object for “${i.str}”`);
        let chars = [...i.str];
        if (chars.length > drawn.glyphs) chars = chars.filter((ch) => ch !== ' ');
        // A line pdfmake broke itself (a heading, a centred line) is drawn in pieces: not ours.
        return chars.length > 1 && chars.length === drawn.glyphs ? [{ x: i.x, right: i.right, baseline: i.baseline, chars, spacing: drawn.tc / g.bodySize }] : [];
      });
  });
}

/** Natural width of a run in the body face, em. */
const natural = (chars: readonly string[]) => chars.reduce((sum, ch) => sum + body.advance(ch), 0);

/** The red rule of page 1: a stroked line of the 版心's width, in red. */
function redRule(page: PdfPage): { y: number; x1: number; x2: number; width: number } {
  const m = /([\d.]+) w\s+(?:[^\n]*\n){0,4}?([\d.]+) ([\d.]+) m\s+([\d.]+) ([\d.]+) l\s+\/DeviceCMYK CS\s+0 0\.8 0\.8 0 SCN/.exec(page.content);
  if (!m) throw new Error('no red rule on page 1');
  // pdfkit draws in top-down coordinates after `1 0 0 -1 0 841.89 cm`.
  return { width: Number(m[1]), x1: toMm(Number(m[2])), y: toMm(Number(m[3])), x2: toMm(Number(m[4])) };
}

describe('版头 on the ink (nanlong 2021: 发文机关标志, 发文字号, red rule)', () => {
  it('the 发文机关标志’s top ink is 35 mm below the 版心’s top (72 mm from the page’s)', async () => {
    const page = (await pdf('examples/nanlong-2021.md')).pages[0] as PdfPage;
    const mark = page.items.filter((i) => '临夏市南龙镇政府文件'.includes(i.str) && i.size > 30);
    expect(mark.map((i) => i.str).join('')).toBe('临夏市南龙镇政府文件');
    const top = Math.min(...mark.map((i) => i.baseline - toMm(issuerInk.extent(i.str).top * i.size)));
    expect(Math.abs(top - (TOP + 35)), `top ink at ${top.toFixed(2)} mm`).toBeLessThan(TOLERANCE);
  });

  it('the red rule is as wide as the 版心, its upper edge 4 mm below the 发文字号’s glyphs', async () => {
    const page = (await pdf('examples/nanlong-2021.md')).pages[0] as PdfPage;
    const number = lines(page).find((l) => l.text === '临南政发〔2022〕60号');
    if (!number) throw new Error('no 发文字号');
    const glyphsBottom = number.baseline - toMm(bodyInk.extent(number.text).bottom * number.size);
    const rule = redRule(page);
    expect(Math.abs(rule.x1 - LEFT)).toBeLessThan(0.05);
    expect(Math.abs(rule.x2 - RIGHT)).toBeLessThan(0.05);
    const gap = rule.y - toMm(rule.width / 2) - glyphsBottom;
    expect(Math.abs(gap - 4), `gap ${gap.toFixed(2)} mm`).toBeLessThan(TOLERANCE);
  });

  it('with a 签发人 the rule is still 4 mm below the line’s glyphs', async () => {
    const text = edit('  发文字号: 临南政发〔2022〕6号', '  发文字号: 临南政发〔2022〕6号\n  签发人: [张三]');
    const page = (await pdf('shangxing-measures.md', text)).pages[0] as PdfPage;
    const row = lines(page).find((l) => l.text.includes('签发人：'));
    if (!row) throw new Error('no 签发人 line');
    const kai = faceInk(loadFont('fonts/FandolKai-Regular.ttf').font);
    const lowest = Math.min(bodyInk.extent('临南政发〔2022〕6号签发人：').bottom, kai.extent('张三').bottom);
    const rule = redRule(page);
    const gap = rule.y - toMm(rule.width / 2) - (row.baseline - toMm(lowest * row.size));
    expect(Math.abs(gap - 4), `gap ${gap.toFixed(2)} mm`).toBeLessThan(TOLERANCE);
  });
});

describe('page numbers on the ink', () => {
  it.each(['examples/nanlong-2021.md', 'examples/changle-2022.md'])('%s: the 一字线’s top is 7 mm below the 版心', async (file) => {
    const document = await pdf(file);
    let seen = 0;
    for (const page of document.pages) {
      for (const item of page.items.filter((i) => i.size === g.noteSize && i.str.includes('—'))) {
        const top = item.baseline - toMm(pageNumberInk.extent('—').top * item.size);
        expect(Math.abs(top - (BOTTOM + 7)), `page ${page.number}: 一字线 top at ${(top - BOTTOM).toFixed(2)} mm below the 版心`).toBeLessThan(TOLERANCE);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(1);
  });
});

describe('one blank line between the title and the body', () => {
  /** Baseline of the title's last line and of the first 3号 line below it, mm. */
  async function gap(file: string, text?: string) {
    const page = (await pdf(file, text)).pages[0] as PdfPage;
    const title = lines(page, g.titleSize);
    const last = title[title.length - 1];
    if (!last) throw new Error('no title');
    const next = lines(page, BODY).find((l) => l.baseline > last.baseline + 1);
    if (!next) throw new Error('no body line');
    return { title: last.baseline, next };
  }
  // The title's line box is one pitch tall; below it one pitch blank; then the next line's box.
  const expected = (title: number, lines: number) =>
    title - toMm(titleFont.font.ascent / titleFont.font.unitsPerEm * g.titleSize) + toMm((1 + lines) * g.pitch) + toMm(bodyInk.ascent * g.bodySize);

  it('with a 主送机关 (nanlong): the 主送机关 one line below the title, the body on the next line', async () => {
    const { title, next } = await gap('examples/nanlong-2021.md');
    expect(next.text).toBe('市政府信息中心：');
    expect(Math.abs(next.baseline - expected(title, 1))).toBeLessThan(TOLERANCE);
  });

  it('without one (the same report): the body’s first line one line below the title', async () => {
    const text = edit('主送机关: 市政府信息中心\n', '');
    const { title, next } = await gap('no-recipient.md', text);
    expect(next.text).not.toContain('市政府信息中心');
    expect(Math.abs(next.baseline - expected(title, 1))).toBeLessThan(TOLERANCE);
    const withRecipient = await gap('examples/nanlong-2021.md');
    // Title to the body's first line: one pitch more with the 主送机关 line, no other difference.
    const after = (await pdf('examples/nanlong-2021.md')).pages[0] as PdfPage;
    const firstBody = lines(after, BODY).find((l) => l.baseline > withRecipient.next.baseline + 1);
    expect(Math.abs((firstBody?.baseline ?? 0) - withRecipient.title - (next.baseline - title) - toMm(g.pitch))).toBeLessThan(TOLERANCE);
  });
});

describe('the last 版记 rule', () => {
  it('lies on the 版心’s bottom edge (nanlong)', async () => {
    const document = await pdf('examples/nanlong-2021.md');
    const last = document.pages[document.pages.length - 1] as PdfPage;
    const rules = [...last.content.matchAll(/([\d.]+) w\s+(?:[^\n]*\n){0,4}?([\d.]+) ([\d.]+) m\s+([\d.]+) ([\d.]+) l/g)].map((m) => ({
      width: Number(m[1]),
      x1: toMm(Number(m[2])),
      y: toMm(Number(m[3])),
      x2: toMm(Number(m[4])),
    }));
    const full = rules.filter((r) => Math.abs(r.x1 - LEFT) < 0.3 && Math.abs(r.x2 - RIGHT) < 0.3);
    const lowest = full.reduce((a, b) => (b.y > a.y ? b : a));
    // The rule's lower edge on the 版心's bottom edge.
    expect(Math.abs(lowest.y + toMm(lowest.width / 2) - BOTTOM)).toBeLessThan(TOLERANCE);
  });
});

describe.each(SOURCES)('body lines of %s', (file) => {
  it('≥ 95 % of full body lines hold 28 characters; none spread by more than a quarter character; none overprinted', async () => {
    const document = await pdf(file);
    const runs = bodyRuns(document).filter((i) => !isPageNumber(i.chars.join('')));
    // A full line ends on the 版心's right edge; it starts on the left edge or 2 characters in.
    const full = runs.filter((i) => Math.abs(i.right - RIGHT) < 0.3);
    expect(full.length).toBeGreaterThan(5);
    const short = full.filter((i) => {
      const room = ((RIGHT - i.x) * PT_PER_MM) / g.bodySize;
      // Less than a character of slack: a 28th character (or two half-width ones) did not fit.
      return room - natural(i.chars) > 0.99;
    });
    expect(short.length / full.length, short.map((i) => i.chars.join('')).join('\n')).toBeLessThanOrEqual(0.05);
    for (const item of runs) {
      const text = item.chars.join('');
      expect(item.spacing, text).toBeLessThanOrEqual(0.25 + 0.005);
      // Glyph boxes, placed by advance and spacing: each ends before the next begins.
      const spacing = item.spacing;
      let x = 0;
      const chars = item.chars;
      chars.forEach((ch, k) => {
        const next = chars[k + 1];
        if (next === undefined) return;
        const advance = body.advance(ch) + spacing;
        const right = x + bodyInk.sides(ch).right;
        const left = x + advance + bodyInk.sides(next).left;
        expect(right, `${ch}${next} overlap in “${text}”`).toBeLessThanOrEqual(left + 0.01);
        x += advance;
      });
    }
  });
});

describe('署名 and 成文日期 without a seal (GB/T 9704 §7.3.5.2)', () => {
  const em = toMm(g.bodySize);
  async function block(text?: string) {
    const document = await pdf(text ? 'signature.md' : 'examples/nanlong-2021.md', text);
    const all = document.pages.flatMap((p) => lines(p, BODY));
    const date = all.find((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l.text));
    const signature = all[all.indexOf(date as (typeof all)[number]) - 1];
    if (!date || !signature) throw new Error('no 署名 block');
    return { signature, date };
  }

  it('the 署名 右空二字; the date below it, its first character two characters right of the 署名’s', async () => {
    const { signature, date } = await block();
    expect(signature.text).toBe('临夏市南龙镇人民政府');
    expect(Math.abs(signature.right - (RIGHT - 2 * em))).toBeLessThan(TOLERANCE);
    expect(Math.abs(date.x - (signature.x + 2 * em))).toBeLessThan(TOLERANCE);
    expect(Math.abs(date.baseline - signature.baseline - toMm(g.pitch))).toBeLessThan(TOLERANCE);
  });

  it('a date longer than the 署名 stands 右空二字, the 署名 moves left to keep the two characters', async () => {
    const source = (await import('node:fs')).readFileSync('examples/nanlong-2021.md', 'utf8');
    const text = source.replace('署名: 临夏市南龙镇人民政府', '署名: 南龙镇').replace('成文日期: 2022年2月21日', '成文日期: 2022年12月21日');
    const { signature, date } = await block(text);
    expect([signature.text, date.text]).toEqual(['南龙镇', '2022年12月21日']);
    expect(Math.abs(date.right - (RIGHT - 2 * em))).toBeLessThan(TOLERANCE);
    expect(Math.abs(date.x - (signature.x + 2 * em))).toBeLessThan(TOLERANCE);
  });
});

describe('a part the report leaves out', () => {
  it('prints nothing, not an empty heading (nankou 2020 has no 六)', async () => {
    const document = await pdf('examples/nankou-2020.md');
    const text = document.pages.map((p) => p.text).join('').replace(/\s+/g, '');
    expect(text).toContain('五、存在的主要问题及改进情况');
    expect(text).not.toContain('六、其他需要报告的事项');
  });
});
