/** The DOCX read back as XML: grid, margins, styles, merges, header rows, footers, fonts, every value in order. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { obfuscateFont } from '../src/docx/fonts.js';
import { CHAR_SPACE, gridColumns } from '../src/docx/render.js';
import { BODY_SIZE, TEXT_WIDTH } from '../src/docx/styles.js';
import { docxOfBuild } from '../src/docx/build.js';
import { buildSource } from '../src/build/index.js';
import type { Table } from '../src/document/types.js';
import { readdirSync } from 'node:fs';
import { compose } from '../src/document/compose.js';
import { built } from './support/build.js';
import { edit } from './support/check.js';
import { EXAMPLES, exampleDocx, openDocx, paragraphs, treeTexts } from './support/docx.js';

const attr = (xml: string, element: string, name: string): string | undefined => new RegExp(`<w:${element}\\b[^>]*\\bw:${name}="([^"]*)"`).exec(xml)?.[1];

/** A style's XML by its id. */
function style(styles: string, id: string): string {
  const match = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
  if (!match) throw new Error(`no style ${id}`);
  return match[0];
}

describe('DOCX of each seed example: every paragraph and table value, in order', () => {
  for (const name of EXAMPLES) {
    it(name, async () => {
      const { docx, document } = await exampleDocx(name);
      const parts = await openDocx(docx);
      const read = paragraphs(await parts.text('word/document.xml'));
      const written = read.map((p) => p.text).filter((t) => t !== '');
      expect(written).toEqual(treeTexts(document).filter((t) => t !== ''));
      // Content names styles: no paragraph without one, no run formatted by hand.
      expect(read.filter((p) => p.style === undefined)).toEqual([]);
      const xml = await parts.text('word/document.xml');
      expect(xml.match(/<w:rPr>(?!<w:rStyle w:val="[A-Za-z]+"\/><\/w:rPr>)/g) ?? []).toEqual([]);
      expect(xml).not.toMatch(/<w:numPr>|<w:rFonts|<w:sz /);
    });
  }
});

describe('DOCX of each published report (test/fixtures/published): every paragraph and table value, in order', () => {
  const files = readdirSync('test/fixtures/published').filter((f) => f.endsWith('.md') && f !== 'README.md');
  it('has the twelve reports', () => expect(files).toHaveLength(12));
  for (const name of files) {
    it(name, async () => {
      const build = await built(`test/fixtures/published/${name}`);
      const docx = (await docxOfBuild(build)) as Buffer;
      const document = compose(build.report as NonNullable<typeof build.report>, build.markdown as string);
      const read = paragraphs(await (await openDocx(docx)).text('word/document.xml'));
      expect(read.map((p) => p.text).filter((t) => t !== '')).toEqual(treeTexts(document).filter((t) => t !== ''));
    }, 120_000);
  }
});

describe('DOCX 版头 of a 上行文: 签发人 on the 发文字号\'s line', () => {
  it('发文字号 左空一字, 签发人 at a right tab, the names in 楷体', async () => {
    const text = edit('  发文字号: 临南政发〔2022〕6号\n', '  发文字号: 临南政发〔2022〕6号\n  签发人: [张三, 李四]\n');
    const build = await built('signers.md', text);
    const parts = await openDocx((await docxOfBuild(build)) as Buffer);
    const read = paragraphs(await parts.text('word/document.xml'));
    const line = read.find((p) => p.style === 'DocumentNumber');
    expect(line?.text).toBe('临南政发〔2022〕6号\t签发人：张三　李四');
    expect(line?.xml).toMatch(/<w:rStyle w:val="KaitiChar"\/><\/w:rPr><w:t xml:space="preserve">张三<\/w:t>/);
    const styles = await parts.text('word/styles.xml');
    const number = style(styles, 'DocumentNumber');
    expect(number).toContain(`<w:tab w:val="right" w:pos="${TEXT_WIDTH - 310}"/>`);
    expect(attr(number, 'ind', 'leftChars')).toBe('100');
    expect(attr(number, 'jc', 'val')).toBe('left');
  });
});

describe('DOCX page: A4, the 版心, the 22 × 28 grid', () => {
  it('sections, margins and docGrid', async () => {
    const { docx } = await exampleDocx('nanlong-2021');
    const xml = await (await openDocx(docx)).text('word/document.xml');
    const sections = xml.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g) ?? [];
    // The body, then the 版记 starting on an even page.
    expect(sections).toHaveLength(2);
    expect(sections[1]).toContain('<w:type w:val="evenPage"/>');
    for (const section of sections) {
      expect(attr(section, 'pgSz', 'w')).toBe('11906');
      expect(attr(section, 'pgSz', 'h')).toBe('16838');
      // 天头 37 mm, 订口 28 mm, 26 mm right, 35 mm below: 156 × 225 mm.
      expect([attr(section, 'pgMar', 'top'), attr(section, 'pgMar', 'left'), attr(section, 'pgMar', 'right'), attr(section, 'pgMar', 'bottom')]).toEqual(['2098', '1587', '1474', '1984']);
      expect(attr(section, 'docGrid', 'type')).toBe('linesAndChars');
      expect(attr(section, 'docGrid', 'linePitch')).toBe('579');
      expect(attr(section, 'docGrid', 'charSpace')).toBe(String(CHAR_SPACE));
    }
    expect(11906 - 1587 - 1474).toBe(TEXT_WIDTH);
    // 22 lines of 28.95 pt in 225 mm; 28 characters of the grid's pitch in 156 mm.
    expect(Math.floor((16838 - 2098 - 1984) / 579)).toBe(22);
    const pitch = BODY_SIZE + CHAR_SPACE / 4096;
    expect(Math.floor(TEXT_WIDTH / 20 / pitch)).toBe(28);
    expect(pitch).toBeCloseTo(156 / 25.4 * 72 / 28, 2);
  });

  it('named styles: 正文, 标题, 一级标题 黑体, 二级标题 楷体, 三级/四级 仿宋, 版记, in Windows office fonts', async () => {
    const { docx } = await exampleDocx('changle-2022');
    const parts = await openDocx(docx);
    const styles = await parts.text('word/styles.xml');
    const names = [...styles.matchAll(/<w:style [^>]*w:styleId="([^"]+)"[^>]*><w:name w:val="([^"]+)"\/>(?:<w:aliases w:val="([^"]+)"\/>)?/g)].map((m) => [m[1], m[3] ?? m[2]]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['Normal', '正文'],
        ['Title', '标题'],
        ['Heading1', '一级标题'],
        ['Heading2', '二级标题'],
        ['Heading3', '三级标题'],
        ['Heading4', '四级标题'],
        ['IssuerMark', '发文机关标志'],
        ['DocumentNumber', '发文字号'],
        ['Signature', '署名'],
        ['DateLine', '成文日期'],
        ['Colophon', '版记'],
        ['PageNumberOdd', '页码（单页）'],
        ['PageNumberEven', '页码（双页）'],
      ]),
    );
    const font = (id: string) => attr(style(styles, id), 'rFonts', 'eastAsia');
    expect([font('Normal'), font('Title'), font('Heading1'), font('Heading2'), font('PageNumberOdd')]).toEqual(['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312', '宋体']);
    // 三级 and 四级 in the body's 仿宋; every heading is an outline level.
    expect([font('Heading3'), font('Heading4')]).toEqual(['仿宋_GB2312', '仿宋_GB2312']);
    expect(['Heading1', 'Heading2', 'Heading3', 'Heading4'].map((id) => attr(style(styles, id), 'outlineLvl', 'val'))).toEqual(['0', '1', '2', '3']);
    // First line indented two characters, justified.
    const normal = style(styles, 'Normal');
    expect(attr(normal, 'ind', 'firstLineChars')).toBe('200');
    expect(attr(normal, 'jc', 'val')).toBe('both');
    expect(attr(normal, 'sz', 'val')).toBe(String(BODY_SIZE * 2));
    // 2号 title, 4号 版记 and page numbers.
    expect(attr(style(styles, 'Title'), 'sz', 'val')).toBe('44');
    expect(attr(style(styles, 'Colophon'), 'sz', 'val')).toBe('28');
    expect(attr(style(styles, 'PageNumberOdd'), 'sz', 'val')).toBe('28');
    // The font table: each office name with its successor's as the alternative, Chinese charset.
    const table = await parts.text('word/fontTable.xml');
    for (const [name, alt] of [['仿宋_GB2312', '仿宋'], ['方正小标宋简体', '小标宋'], ['楷体_GB2312', '楷体'], ['黑体', 'SimHei'], ['宋体', 'SimSun']]) {
      expect(table).toContain(`<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/>`);
    }
  });

  it('版头: red 发文机关标志 (CMYK 0/80/80/0), the red rule as the 发文字号\'s border 4 mm below it, numbers in headings as text', async () => {
    const { docx, document } = await exampleDocx('nanlong-2021');
    const parts = await openDocx(docx);
    const styles = await parts.text('word/styles.xml');
    expect(attr(style(styles, 'IssuerMark'), 'color', 'val')).toBe('FF3333');
    const number = style(styles, 'DocumentNumber');
    expect(number).toMatch(/<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="11" w:color="FF3333"\/><\/w:pBdr>/);
    const read = paragraphs(await parts.text('word/document.xml'));
    expect(read.slice(0, 2).map((p) => [p.style, p.text])).toEqual([
      ['IssuerMark', '临夏市南龙镇政府文件'],
      ['DocumentNumber', '临南政发〔2022〕60号'],
    ]);
    const headings = read.filter((p) => p.style?.startsWith('Heading')).map((p) => p.text);
    expect(headings.slice(0, 3)).toEqual(['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况']);
    expect(document.body.some((b) => b.kind === 'heading' && b.level === 2)).toBe(headings.some((h) => h.startsWith('（一）')));
    // 署名 and 成文日期 right-aligned by their styles, the 版记 by its own.
    expect(read.filter((p) => ['Signature', 'DateLine', 'Colophon', 'ColophonLast'].includes(p.style ?? '')).map((p) => p.text)).toEqual([
      '临夏市南龙镇人民政府',
      '2022年2月21日',
      '抄送：本镇书记，镇长，分管副书记。',
      '临夏市南龙镇人民政府\t2022年2月21日印发',
    ]);
  });

  it('footers: “— N —” as PAGE fields, odd pages right and even pages left, one character in', async () => {
    const { docx } = await exampleDocx('nanlong-2021');
    const parts = await openDocx(docx);
    const settings = await parts.text('word/settings.xml');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const xml = await parts.text('word/document.xml');
    const rels = await parts.text('word/_rels/document.xml.rels');
    const target = (type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"/>`).exec(xml)?.[1];
      return new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    };
    const odd = await parts.text(`word/${target('default')}`);
    const even = await parts.text(`word/${target('even')}`);
    for (const [footer, id] of [
      [odd, 'PageNumberOdd'],
      [even, 'PageNumberEven'],
    ] as const) {
      expect(footer).toContain(`<w:pStyle w:val="${id}"/>`);
      expect(footer).toMatch(/— <\/w:t>.*<w:instrText[^>]*>PAGE<\/w:instrText>.*<w:t xml:space="preserve"> —/s);
    }
    const styles = await parts.text('word/styles.xml');
    expect([attr(style(styles, 'PageNumberOdd'), 'jc', 'val'), attr(style(styles, 'PageNumberOdd'), 'ind', 'right')]).toEqual(['right', '280']);
    expect([attr(style(styles, 'PageNumberEven'), 'jc', 'val'), attr(style(styles, 'PageNumberEven'), 'ind', 'left')]).toEqual(['left', '280']);
  });
});

describe('DOCX tables: merges, header rows, rows that do not split, cells centred, widths as in the PDF', () => {
  it('each table of changle-2022 against the tree', async () => {
    const { docx, document } = await exampleDocx('changle-2022');
    const xml = await (await openDocx(docx)).text('word/document.xml');
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    const trees = document.body.filter((b): b is Table => b.kind === 'table');
    expect(tables).toHaveLength(trees.length);
    expect(trees.length).toBe(3);
    tables.forEach((table, t) => {
      const tree = trees[t] as Table;
      const rows = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
      expect(rows).toHaveLength(tree.rows.length);
      const cols = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(cols).toEqual(gridColumns(tree));
      expect(cols.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
      rows.forEach((row, r) => {
        expect(row).toContain('<w:cantSplit/>');
        expect(row.includes('<w:tblHeader/>')).toBe(r < tree.headerRows);
        const cells = row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
        for (const cell of cells) expect(cell).toContain('<w:vAlign w:val="center"/>');
        // Every grid position is covered: spans add up to the table's columns.
        expect(cells.reduce((n, c) => n + Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(c)?.[1] ?? 1), 0)).toBe(tree.columns);
        const starting = cells.filter((c) => !c.includes('<w:vMerge/>') && !c.includes('<w:vMerge w:val="continue"/>'));
        expect(starting.map((c) => [Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(c)?.[1] ?? 1), c.includes('<w:vMerge w:val="restart"/>')])).toEqual(
          (tree.rows[r] ?? []).map((cell) => [cell.colSpan, cell.rowSpan > 1]),
        );
      });
      // A row span of n is continued in the n − 1 rows below.
      const continues = (table.match(/<w:vMerge(?: w:val="continue")?\/>/g) ?? []).length;
      expect(continues).toBe(tree.rows.flat().reduce((n, cell) => n + (cell.rowSpan - 1), 0));
    });
    // Table 三 has both kinds of merges, and two header rows.
    expect(tables[1]).toMatch(/<w:gridSpan w:val="[2-9]"\/>/);
    expect(tables[1]).toContain('<w:vMerge w:val="restart"/>');
    expect(trees[1]?.headerRows).toBeGreaterThan(0);
  });
});

describe('DOCX files: reproducible, embedded fonts, refusal', () => {
  it('two builds are byte-identical, every zip entry dated by the 成文日期, not by the clock', async () => {
    const file = 'examples/nanlong-2021.md';
    const one = await buildSource(file, readFileSync(file), { systemFonts: false });
    const a = (await docxOfBuild(one)) as Buffer;
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const b = (await docxOfBuild(await buildSource(file, readFileSync(file), { systemFonts: false }))) as Buffer;
    expect(a.equals(b)).toBe(true);
    // Local headers: 2022-02-20 16:00 UTC, the 成文日期's Beijing midnight (as the PDF's /CreationDate).
    const times = new Set<string>();
    for (let i = a.indexOf(Buffer.from([0x50, 0x4b, 3, 4])); i >= 0; i = a.indexOf(Buffer.from([0x50, 0x4b, 3, 4]), i + 4)) {
      times.add(`${a.readUInt16LE(i + 12)}:${a.readUInt16LE(i + 10)}`);
      if (a.readUInt16LE(i + 26) > 100) break; // not a header: compressed bytes that look like one
    }
    expect([...times][0]).toBe(`${((2022 - 1980) << 9) | (2 << 5) | 20}:${16 << 11}`);
    const core = await (await openDocx(a)).text('docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2022-02-20T16:00:00Z</dcterms:created>');
    expect(core).toContain('<dc:language>zh-CN</dc:language>');
  });

  it('--embed-fonts: the Fandol files the PDF used, obfuscated with their keys, runs naming their families', async () => {
    const { docx } = await exampleDocx('nanlong-2021', { embedFonts: true });
    const parts = await openDocx(docx);
    const table = await parts.text('word/fontTable.xml');
    const rels = await parts.text('word/_rels/fontTable.xml.rels');
    const embeds = [...table.matchAll(/<w:font w:name="([^"]+)">(?:<w:altName w:val="([^"]+)"\/>)?.*?<\/w:font>/g)].map((m) => ({
      name: m[1],
      alt: m[2],
      faces: [...(m[0].matchAll(/<w:(embedRegular|embedBold) r:id="([^"]+)" w:fontKey="([^"]+)"\/>/g) ?? [])].map((e) => ({ kind: e[1], id: e[2], key: e[3] as string })),
    }));
    const embedded = embeds.filter((e) => e.faces.length > 0);
    expect(embedded.map((e) => [e.name, e.alt, e.faces.map((f) => f.kind)])).toEqual([
      ['FandolSong', '方正小标宋简体', ['embedRegular', 'embedBold']],
      ['FandolFang R', '仿宋_GB2312', ['embedRegular']],
      ['FandolHei', '黑体', ['embedRegular']],
      ['FandolKai', '楷体_GB2312', ['embedRegular']],
    ]);
    const files: Record<string, string> = { FandolSong: 'FandolSong-Regular.ttf', 'FandolFang R': 'FandolFang-Regular.ttf', FandolHei: 'FandolHei-Regular.ttf', FandolKai: 'FandolKai-Regular.ttf' };
    for (const font of embedded) {
      for (const face of font.faces) {
        const target = new RegExp(`Id="${face.id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
        const data = await parts.binary(`word/${target}`);
        const original = readFileSync(`fonts/${face.kind === 'embedBold' ? 'FandolSong-Bold.ttf' : files[font.name as string]}`);
        // XOR is its own inverse: de-obfuscated, the part is the font file.
        expect(Buffer.from(obfuscateFont(data, face.key)).equals(original)).toBe(true);
        expect(Buffer.from(data.subarray(0, 32)).equals(original.subarray(0, 32))).toBe(false);
      }
    }
    const styles = await parts.text('word/styles.xml');
    expect(attr(style(styles, 'Normal'), 'rFonts', 'eastAsia')).toBe('FandolFang R');
    expect(style(styles, 'Title')).toContain('<w:rFonts w:ascii="FandolSong" w:hAnsi="FandolSong" w:eastAsia="FandolSong" w:cs="FandolSong"/><w:b/>');
    expect(await parts.text('word/settings.xml')).toContain('<w:embedTrueTypeFonts/>');
    expect(parts.files).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/fonts/font1.odttf']));
    expect(await parts.text('[Content_Types].xml')).toContain('Extension="odttf"');
  });

  it('a source with check errors gives no DOCX, as it gives no PDF', async () => {
    const file = 'examples/longde-chengguan-2021.md';
    const result = await buildSource(file, readFileSync(file), { systemFonts: false });
    expect(result.diagnostics.some((d) => d.severity === 'error' && d.code === 'date-before-year-end')).toBe(true);
    expect(result.pdf).toBeUndefined();
    expect(await docxOfBuild(result)).toBeUndefined();
  });
});
