/**
 * word/styles.xml: every paragraph of the DOCX is set by a named style, never by direct
 * formatting, so that an edit in Word keeps the style (a new paragraph typed under a 一级标题 is
 * 正文; a heading retyped keeps 黑体). The styles follow the PDF's GB/T 9704 measures on Word's
 * document grid: 22 lines of 28 characters, body text snapped to it, tables, 版记 and page
 * numbers set on their own line heights.
 */
import { type FontRole, HEADING_FACE } from '../document/types.js';
import { pageGeometry as g } from '../page/geometry.js';
import type { WordFont } from './fonts.js';

/** pt → twentieths of a point (twips), Word's unit of length. */
export const twips = (pt: number): number => Math.round(pt * 20);

/** Twips of the 版心's width as Word holds it: the page less the margins, each rounded. */
export const TEXT_WIDTH = twips(g.width) - twips(g.margins.left) - twips(g.margins.right);

/**
 * Body text in Word: 15.5 pt, the largest size Word offers (half points) within the grid's
 * character pitch of 15.79 pt, the PDF's own body size (GB/T 9704's 三号 16 pt gives 27 a line).
 * At 16 pt Word squeezes each character onto the pitch, but LibreOffice cannot: it widens
 * every character to one and a half cells (19 a line; the README example 8 pages instead of 6).
 */
export const BODY_SIZE = 15.5;

/** Style ids (ASCII, as Word writes them) of the paragraph styles the renderer uses. */
export const STYLE = {
  body: 'Normal',
  title: 'Title',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  heading4: 'Heading4',
  issuerMark: 'IssuerMark',
  documentNumber: 'DocumentNumber',
  recipient: 'Recipient',
  signature: 'Signature',
  date: 'DateLine',
  colophon: 'Colophon',
  colophonLast: 'ColophonLast',
  verbatim: 'Verbatim',
  pageNumberOdd: 'PageNumberOdd',
  pageNumberEven: 'PageNumberEven',
} as const;

/** The character style that sets a run in a role's face inside a paragraph of another face. */
export const ROLE_CHARACTER_STYLE: Readonly<Record<FontRole, { id: string; name: string }>> = {
  正文: { id: 'FangsongChar', name: '仿宋字' },
  一级标题: { id: 'HeitiChar', name: '黑体字' },
  二级标题: { id: 'KaitiChar', name: '楷体字' },
  标题: { id: 'TitleChar', name: '标题字' },
  发文机关标志: { id: 'IssuerChar', name: '发文机关标志字' },
  页码: { id: 'SongtiChar', name: '宋体字' },
};

/** The face each paragraph style is set in (a run in another face takes a character style). */
export const STYLE_ROLE: Readonly<Record<string, FontRole>> = {
  [STYLE.body]: '正文',
  [STYLE.title]: '标题',
  [STYLE.heading1]: '一级标题',
  [STYLE.heading2]: '二级标题',
  [STYLE.heading3]: '正文',
  [STYLE.heading4]: '正文',
  [STYLE.issuerMark]: '发文机关标志',
  [STYLE.documentNumber]: '正文',
  [STYLE.recipient]: '正文',
  [STYLE.signature]: '正文',
  [STYLE.date]: '正文',
  [STYLE.colophon]: '正文',
  [STYLE.colophonLast]: '正文',
  [STYLE.verbatim]: '正文',
  [STYLE.pageNumberOdd]: '页码',
  [STYLE.pageNumberEven]: '页码',
};

/** The size names a clerk knows (字号), for the names of the table text styles. */
const SIZE_NAMES: Readonly<Record<number, string>> = { 7.5: '六号', 9: '小五', 10.5: '五号', 12: '小四', 14: '四号', 15: '小三', 16: '三号' };

/** The style of a table's cells at `size` pt: one per size a document's tables use. */
export function tableStyle(size: number): { id: string; name: string } {
  const half = Math.round(size * 2);
  return { id: `TableText${half}`, name: `表格文字（${SIZE_NAMES[half / 2] ?? `${half / 2}磅`}）` };
}

/** What varies from one document to the next: sizes and indents that depend on its text. */
export interface StyleValues {
  readonly fonts: Readonly<Record<FontRole, WordFont>>;
  /** pt: the 发文机关标志's size (at most 42, within the 版心's width). */
  readonly issuerMarkSize: number;
  /** Characters from the right margin to the 署名's end, and to the 成文日期's. */
  readonly signatureRight: number;
  readonly dateRight: number;
  /** 签发人 on the 发文字号's line (上行文): the 发文字号 then stands left, 签发人 right. */
  readonly signers: boolean;
  /** Rows of the 版记 (抄送, 印发机关和印发日期): 0 without one. */
  readonly colophonRows: number;
  /** pt sizes of the document's tables. */
  readonly tableSizes: readonly number[];
}

interface Rule {
  readonly color: string;
  readonly size: number;
  readonly space: number;
}

interface ParagraphProps {
  readonly keepNext?: boolean;
  readonly keepLines?: boolean;
  readonly widowControl?: boolean;
  /** Rules above and below: colour, width in eighths of a point, distance from the text in pt. */
  readonly borderTop?: Rule;
  readonly borderBottom?: Rule;
  readonly tabs?: readonly { readonly val: 'left' | 'right' | 'center'; readonly pos: number }[];
  readonly snapToGrid?: boolean;
  readonly spacing?: { readonly before?: number; readonly beforeLines?: number; readonly after?: number; readonly afterLines?: number; readonly line?: number; readonly lineRule?: 'auto' | 'exact' | 'atLeast' };
  readonly ind?: { readonly left?: number; readonly leftChars?: number; readonly right?: number; readonly rightChars?: number; readonly firstLine?: number; readonly firstLineChars?: number };
  readonly jc?: 'both' | 'center' | 'left' | 'right';
  readonly outlineLvl?: number;
}

interface RunProps {
  readonly role?: FontRole;
  readonly bold?: boolean;
  readonly color?: string;
  /** pt */
  readonly size?: number;
  /** Twips added to each character's advance (negative: condensed). */
  readonly spacing?: number;
}

interface StyleDefinition {
  readonly type: 'paragraph' | 'character';
  readonly id: string;
  readonly name: string;
  readonly aliases?: string;
  readonly basedOn?: string;
  readonly next?: string;
  readonly isDefault?: boolean;
  readonly paragraph?: ParagraphProps;
  readonly run?: RunProps;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const attrs = (values: Readonly<Record<string, string | number | undefined>>): string =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` w:${k}="${escape(String(v))}"`)
    .join('');

/** pPr children in the schema's order (CT_PPrBase). */
function paragraphXml(p: ParagraphProps): string {
  let xml = '';
  if (p.keepNext) xml += '<w:keepNext/>';
  if (p.keepLines) xml += '<w:keepLines/>';
  if (p.widowControl !== undefined) xml += `<w:widowControl${p.widowControl ? '' : ' w:val="0"'}/>`;
  const rule = (side: string, r: Rule | undefined) => (r ? `<w:${side} w:val="single"${attrs({ sz: r.size, space: r.space, color: r.color })}/>` : '');
  if (p.borderTop || p.borderBottom) xml += `<w:pBdr>${rule('top', p.borderTop)}${rule('bottom', p.borderBottom)}</w:pBdr>`;
  if (p.tabs) xml += `<w:tabs>${p.tabs.map((t) => `<w:tab${attrs({ val: t.val, pos: t.pos })}/>`).join('')}</w:tabs>`;
  if (p.snapToGrid === false) xml += '<w:snapToGrid w:val="0"/>';
  if (p.spacing) xml += `<w:spacing${attrs(p.spacing)}/>`;
  if (p.ind) xml += `<w:ind${attrs(p.ind)}/>`;
  if (p.jc) xml += `<w:jc w:val="${p.jc}"/>`;
  if (p.outlineLvl !== undefined) xml += `<w:outlineLvl w:val="${p.outlineLvl}"/>`;
  return xml ? `<w:pPr>${xml}</w:pPr>` : '';
}

function fontsXml(font: WordFont): string {
  const name = escape(font.name);
  return `<w:rFonts w:ascii="${name}" w:hAnsi="${name}" w:eastAsia="${name}" w:cs="${name}"/>`;
}

/** rPr children in the schema's order (CT_RPr). */
function runXml(r: RunProps, fonts: StyleValues['fonts']): string {
  let xml = '';
  if (r.role) xml += fontsXml(fonts[r.role]);
  const bold = r.bold ?? (r.role ? fonts[r.role].bold : undefined);
  if (bold !== undefined) xml += bold ? '<w:b/><w:bCs/>' : '<w:b w:val="0"/><w:bCs w:val="0"/>';
  if (r.color) xml += `<w:color w:val="${r.color}"/>`;
  if (r.spacing !== undefined) xml += `<w:spacing w:val="${r.spacing}"/>`;
  if (r.size !== undefined) xml += `<w:sz w:val="${Math.round(r.size * 2)}"/><w:szCs w:val="${Math.round(r.size * 2)}"/>`;
  return xml ? `<w:rPr>${xml}</w:rPr>` : '';
}

function styleXml(style: StyleDefinition, fonts: StyleValues['fonts']): string {
  const head = `<w:style w:type="${style.type}"${style.isDefault ? ' w:default="1"' : ''} w:styleId="${style.id}">`;
  const name = `<w:name w:val="${escape(style.name)}"/>${style.aliases ? `<w:aliases w:val="${escape(style.aliases)}"/>` : ''}`;
  const based = style.basedOn ? `<w:basedOn w:val="${style.basedOn}"/>` : '';
  const next = style.next ? `<w:next w:val="${style.next}"/>` : '';
  return `${head}${name}${based}${next}<w:qFormat/>${style.paragraph ? paragraphXml(style.paragraph) : ''}${style.run ? runXml(style.run, fonts) : ''}</w:style>`;
}

/** CMYK (0, 80, 80, 0), GB/T 9704's red, as the RGB Word takes: 255, 51, 51. */
export function redRgb(): string {
  const [c, m, y, k] = g.red.map((v) => v / 100) as [number, number, number, number];
  const channel = (v: number) => Math.round(255 * (1 - v) * (1 - k)).toString(16).padStart(2, '0').toUpperCase();
  return channel(c) + channel(m) + channel(y);
}

/** One character of the body (a grid character) in twips, for indents Word also keeps in chars. */
const CHAR = twips(BODY_SIZE);
const NOTE_CHAR = twips(g.noteSize);
const chars = (n: number) => ({ chars: Math.round(n * 100), twips: Math.round(n * CHAR) });

const BLACK = '000000';
/** The 版记's rules: 0.35 mm first and last (8 eighths: 1 pt), 0.25 mm between (6: 0.75 pt). */
const THICK_RULE = { color: BLACK, size: 8, space: 0 };
const THIN_RULE = { color: BLACK, size: 6, space: 0 };

/**
 * The 版记, alone on its page (render.ts says why), pushed to the 版心's foot by the space above
 * its first row: 4号 仿宋, 左右各空一字, a row of the grid's pitch each, 印发日期 at a right tab; the first row
 * ruled above, each row below, the last rule on the 版心's bottom edge.
 */
/** pt left under the 版记's last rule in Word, so that LibreOffice keeps its last row on the page. */
export const COLOPHON_SLACK = 8;

function colophonStyles(rows: number): StyleDefinition[] {
  const pitch = twips(g.pitch);
  // Each row is a pitch, each rule its width: the space above the first row is what is left.
  const rules = twips((8 + 6 * Math.max(0, rows - 1) + 8) / 8);
  // Less a margin for LibreOffice, which sets the rows some 6 pt lower than Word does.
  const above = twips(g.typeHeight) - rows * pitch - rules - twips(COLOPHON_SLACK);
  const base = (id: string, name: string, top: Rule | undefined, bottom: Rule, basedOn?: string): StyleDefinition => ({
    type: 'paragraph',
    id,
    name,
    basedOn: basedOn ?? STYLE.body,
    paragraph: {
      ...(top ? { borderTop: top } : {}),
      borderBottom: bottom,
      tabs: [{ val: 'right', pos: TEXT_WIDTH - NOTE_CHAR }],
      snapToGrid: false,
      spacing: { before: top ? above : 0, after: 0, line: pitch, lineRule: 'exact' },
      ind: { left: NOTE_CHAR, right: NOTE_CHAR, firstLine: 0, firstLineChars: 0 },
      jc: 'left',
    },
    run: { size: g.noteSize },
  });
  return [
    base(STYLE.colophon, '版记', THICK_RULE, rows > 1 ? THIN_RULE : THICK_RULE),
    base(STYLE.colophonLast, '版记末行', undefined, THICK_RULE),
  ];
}

export function styleDefinitions(values: StyleValues): StyleDefinition[] {
  const flush = { firstLine: 0, firstLineChars: 0 };
  const signature = chars(values.signatureRight);
  const date = chars(values.dateRight);
  const pitch = twips(g.pitch);
  const definitions: StyleDefinition[] = [
    {
      type: 'paragraph',
      id: STYLE.body,
      name: 'Normal',
      aliases: '正文',
      isDefault: true,
      // Justified, first line indented two characters (GB/T 9704 §7.3.3), one grid line each.
      paragraph: { widowControl: true, spacing: { before: 0, after: 0, line: 240, lineRule: 'auto' }, ind: { firstLine: 2 * CHAR, firstLineChars: 200 }, jc: 'both' },
      run: { role: '正文', size: BODY_SIZE },
    },
    {
      type: 'paragraph',
      id: STYLE.title,
      name: 'Title',
      aliases: '标题',
      basedOn: STYLE.body,
      next: STYLE.body,
      // Off the character grid (2号 is wider than its pitch), its lines on the body's pitch as
      // the composer broke them; one blank line below it (GB/T 9704 §7.3.2).
      paragraph: { keepNext: true, keepLines: true, snapToGrid: false, spacing: { after: pitch, line: pitch, lineRule: 'exact' }, ind: flush, jc: 'center' },
      run: { role: '标题', size: g.titleSize },
    },
    ...([1, 2, 3, 4] as const).map(
      (level): StyleDefinition => ({
        type: 'paragraph',
        id: STYLE[`heading${level}`],
        name: ['一级标题', '二级标题', '三级标题', '四级标题'][level - 1] as string,
        basedOn: STYLE.body,
        next: STYLE.body,
        paragraph: { keepNext: true, keepLines: true, outlineLvl: level - 1 },
        run: { role: HEADING_FACE[level] },
      }),
    ),
    {
      type: 'paragraph',
      id: STYLE.issuerMark,
      name: '发文机关标志',
      basedOn: STYLE.body,
      next: STYLE.documentNumber,
      // Its ink's top 35 mm below the 版心's top: the line is set exactly as tall as the type.
      paragraph: {
        keepNext: true,
        snapToGrid: false,
        spacing: { before: twips(Math.max(0, 35 * (72 / 25.4) - 0.06 * values.issuerMarkSize)), line: twips(values.issuerMarkSize), lineRule: 'exact' },
        ind: flush,
        jc: 'center',
      },
      run: { role: '发文机关标志', size: values.issuerMarkSize, color: redRgb() },
    },
    {
      type: 'paragraph',
      id: STYLE.documentNumber,
      name: '发文字号',
      basedOn: STYLE.body,
      next: STYLE.title,
      // Two lines below the mark; the red rule 4 mm below its glyphs, as wide as the 版心; the
      // title two lines below the rule. 上行文: 发文字号 左空一字, 签发人 右空一字 on one line.
      paragraph: {
        keepNext: true,
        borderBottom: { color: redRgb(), size: 8, space: 11 },
        ...(values.signers ? { tabs: [{ val: 'right' as const, pos: TEXT_WIDTH - CHAR }] } : {}),
        snapToGrid: false,
        spacing: { before: 2 * pitch, after: 2 * pitch, line: twips(BODY_SIZE), lineRule: 'exact' },
        ind: values.signers ? { left: CHAR, leftChars: 100, ...flush } : flush,
        jc: values.signers ? 'left' : 'center',
      },
    },
    { type: 'paragraph', id: STYLE.recipient, name: '主送机关', basedOn: STYLE.body, next: STYLE.body, paragraph: { ind: flush } },
    {
      type: 'paragraph',
      id: STYLE.signature,
      name: '署名',
      basedOn: STYLE.body,
      next: STYLE.date,
      // One line below the body, 右空二字 (or further left, so the date keeps its offset).
      paragraph: { keepNext: true, keepLines: true, spacing: { before: pitch, beforeLines: 100 }, ind: { right: signature.twips, rightChars: signature.chars, ...flush }, jc: 'right' },
    },
    {
      type: 'paragraph',
      id: STYLE.date,
      name: '成文日期',
      basedOn: STYLE.body,
      next: STYLE.body,
      // Its first character two characters right of the 署名's (GB/T 9704 §7.3.5.2).
      paragraph: { keepLines: true, ind: { right: date.twips, rightChars: date.chars, ...flush }, jc: 'right' },
    },
    ...colophonStyles(values.colophonRows),
    { type: 'paragraph', id: STYLE.verbatim, name: '原样文字', basedOn: STYLE.body, paragraph: { ind: flush, jc: 'left' } },
    ...(['odd', 'even'] as const).map(
      (side): StyleDefinition => ({
        type: 'paragraph',
        id: side === 'odd' ? STYLE.pageNumberOdd : STYLE.pageNumberEven,
        name: side === 'odd' ? '页码（单页）' : '页码（双页）',
        basedOn: STYLE.body,
        // 4号 宋体; odd pages 右空一字, even pages 左空一字 (GB/T 9704 §7.5).
        paragraph: {
          snapToGrid: false,
          spacing: { line: twips(g.noteSize), lineRule: 'exact' },
          ind: side === 'odd' ? { right: NOTE_CHAR, ...flush } : { left: NOTE_CHAR, ...flush },
          jc: side === 'odd' ? 'right' : 'left',
        },
        run: { role: '页码', size: g.noteSize },
      }),
    ),
    ...[...new Set(values.tableSizes)].sort((a, b) => a - b).map(
      (size): StyleDefinition => ({
        type: 'paragraph',
        ...tableStyle(size),
        basedOn: STYLE.body,
        // Off the grid: a cell's lines are the size's, as in the PDF (1.08 of the type).
        paragraph: { widowControl: false, snapToGrid: false, spacing: { line: 259, lineRule: 'auto' }, ind: flush, jc: 'center' },
        run: { size },
      }),
    ),
    ...Object.entries(ROLE_CHARACTER_STYLE).map(
      ([role, style]): StyleDefinition => ({ type: 'character', id: style.id, name: style.name, run: { role: role as FontRole } }),
    ),
  ];
  return definitions;
}

/** The whole styles part: defaults (Chinese text, 仿宋 三号) and the styles above. */
export function stylesXml(values: StyleValues): string {
  const body = values.fonts.正文;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fontsXml(body)}<w:kern w:val="2"/><w:sz w:val="${BODY_SIZE * 2}"/><w:szCs w:val="${BODY_SIZE * 2}"/>` +
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>' +
    '<w:pPrDefault><w:pPr><w:widowControl/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    styleDefinitions(values)
      .map((style) => styleXml(style, values.fonts))
      .join('') +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>' +
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '</w:styles>'
  );
}
