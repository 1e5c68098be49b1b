/**
 * Source → PDF bytes: the pure stages (check, template, Markdown, layout) with the edges they
 * need (fonts and templates from disk, the pdfmake sink). Writing the file is the caller's.
 */
import path from 'node:path';
import { type Diagnostic, hasErrors } from '../diagnostics/types.js';
import { FontError, loadFont, type LoadedFont, type ResolvedFont, resolveFonts } from '../fonts/resolve.js';
import { preflightGlyphs } from '../preflight/glyphs.js';
import type { FontRole } from '../fonts/roles.js';
import { faceInk } from '../fonts/ink.js';
import { documentDefinition, type FamilyMetrics } from '../layout/document.js';
import { pageGeometry } from '../page/geometry.js';
import { locateGridProblem } from '../markdown/grid-check.js';
import { compose } from '../document/compose.js';
import { type Document, PRODUCER } from '../document/types.js';
import { type Block, type ContentOptions, documentBlocks } from '../layout/blocks.js';
import { MarkdownError } from '../markdown/errors.js';
import type { Report } from '../model/types.js';
import { checkSource, type SourceInput } from '../pipeline.js';
import { type Families, renderPdf } from '../render/pdf.js';
import { drawPdf } from '../render/draw.js';
import { placeDocument } from '../layout/place.js';
import type { FaceMetricsByRole, PlacedDocument } from '../layout/placed.js';
import { FONT_ROLES } from '../model/fields.js';
import { loadTemplate, type Rendered, TemplateError, templateFile } from '../template/load.js';

export interface BuildOptions {
  /** Build even when the check finds errors. */
  readonly force?: boolean;
  readonly previous?: Report;
  /** Look for installed fonts (tests turn this off to be independent of the machine). */
  readonly systemFonts?: boolean;
  /** SOURCE_DATE_EPOCH, seconds: pins the PDF's creation date. */
  readonly sourceDateEpoch?: string;
}

export interface BuildResult {
  readonly pdf?: Buffer;
  readonly report?: Report;
  readonly fonts?: readonly ResolvedFont[];
  /** The template file the build used (watch mode watches it). */
  readonly template?: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The Markdown the template produced (for debugging). */
  readonly markdown?: string;
  /** The document tree the PDF was drawn from: the HTML page and the DOCX file render it too. */
  readonly tree?: Document;
}


/** The pdfmake font families of the layout and the font role behind each of their styles. */
export const FAMILY_ROLES: Readonly<Record<string, Readonly<Partial<Record<'normal' | 'bold' | 'italics', FontRole>>>>> = {
  // **strong** is set in 黑体 and *em* in 楷体, within body text.
  Body: { normal: '正文', bold: '一级标题', italics: '二级标题' },
  Hei: { normal: '一级标题' },
  Kai: { normal: '二级标题' },
  Title: { normal: '标题' },
  Issuer: { normal: '发文机关标志' },
  PageNumber: { normal: '页码' },
};

/** The creation date: SOURCE_DATE_EPOCH, else the 成文日期 (Beijing midnight), else 1 January after the year. */
export function creationDate(report: Report, sourceDateEpoch?: string): Date {
  if (sourceDateEpoch && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000);
  const date = report.date ?? { year: report.year + 1, month: 1, day: 1 };
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - 8 * 3600 * 1000);
}

/** A template's path as the user would write it: beside the source when it is, else absolute. */
function shownPath(source: string, reportDir: string, file: string): string {
  const relative = path.relative(reportDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : path.join(path.dirname(source), relative);
}

function failure(file: string, code: string, message: string, hint: string, line = 1): Diagnostic {
  return { file, position: { line, column: 1 }, severity: 'error', code, message, hint };
}

/** A source checked, its fonts loaded and its document tree composed: what every renderer starts from. */
export interface ComposedSource {
  readonly report?: Report;
  readonly template?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly fonts?: readonly ResolvedFont[];
  /** The loaded font of each role (the PDF measures with them; the DOCX embeds them). */
  readonly faces?: Readonly<Record<FontRole, LoadedFont>>;
  /** The tree, when the source may be rendered: no check error (or forced), no missing glyph. */
  readonly tree?: Document;
  readonly markdown?: string;
}

/**
 * Check, template, compose, glyph preflight: the stages every output shares, so the PDF, the
 * HTML and the DOCX refuse the same sources with the same diagnostics.
 */
export async function composeSource(file: string, source: SourceInput, options: BuildOptions = {}): Promise<ComposedSource> {
  const checked = checkSource(file, source, options.previous);
  const diagnostics = [...checked.diagnostics];
  const report = checked.report;
  if (!report) return { diagnostics };
  const reportDir = path.dirname(path.resolve(file));
  // Found first, so that watch mode watches the template even while the source has errors.
  let templatePath: string | undefined;
  try {
    templatePath = templateFile(reportDir, report.template);
  } catch {
    // a missing template is reported below, once the source is otherwise fine
  }
  const used = { report, ...(templatePath ? { template: templatePath } : {}) };
  if (hasErrors(diagnostics) && !options.force) return { ...used, diagnostics };

  let resolved: ResolvedFont[];
  let byRole: Record<FontRole, LoadedFont>;
  try {
    resolved = resolveFonts(reportDir, report.fonts, options.systemFonts ?? true);
    byRole = Object.fromEntries(resolved.map((r) => [r.role, loadFont(r.file)])) as Record<FontRole, LoadedFont>;
  } catch (error) {
    if (!(error instanceof FontError)) throw error;
    const at = report.keyPositions.get('字体') ?? { line: 1, column: 1 };
    return { ...used, diagnostics: [...diagnostics, { ...failure(file, 'font', error.message, error.hint), position: at }] };
  }
  let rendered: Rendered;
  let doc: Document;
  try {
    rendered = loadTemplate(templatePath ?? templateFile(reportDir, report.template))(report);
    doc = compose(report, rendered.markdown);
  } catch (error) {
    return { ...used, diagnostics: [...diagnostics, ...stageFailure(error, file, reportDir, report, diagnostics, templatePath)] };
  }
  // What is drawn, after the template and Markdown (entities decoded), in every role.
  const glyphs = preflightGlyphs({ report, doc, rendered, fonts: byRole }).map((d) =>
    d.file === report.file ? d : { ...d, file: shownPath(file, reportDir, d.file) },
  );
  if (glyphs.length > 0) return { ...used, fonts: resolved, diagnostics: [...diagnostics, ...glyphs] };
  return { ...used, fonts: resolved, faces: byRole, diagnostics, tree: doc, markdown: rendered.markdown };
}

/** A template or grid block that cannot be rendered, as diagnostics; anything else is a bug and rethrown. */
function stageFailure(error: unknown, file: string, reportDir: string, report: Report, diagnostics: readonly Diagnostic[], templatePath: string | undefined): Diagnostic[] {
  if (error instanceof TemplateError) {
    const at = error.file ? { file: shownPath(file, reportDir, error.file), position: error.position ?? { line: 1, column: 1 } } : { file, position: report.keyPositions.get('模板') ?? { line: 1, column: 1 } };
    return [{ ...failure(at.file, 'template', error.message, error.hint), position: at.position }];
  }
  if (error instanceof MarkdownError) {
    // A grid block of the source is reported where the clerk wrote it (once: a forced build
    // may already carry it from the check); one of the template's own, in the template.
    const inSource = error.grid && locateGridProblem(file, report.narrative, error.grid);
    if (inSource) {
      const known = diagnostics.some((d) => d.code === inSource.code && d.position.line === inSource.position.line && d.position.column === inSource.position.column);
      return known ? [] : [inSource];
    }
    return [failure(templatePath ?? file, 'template-table', `模板输出的第 ${error.line} 行：${error.message}`, error.grid?.problem.hint ?? '检查模板里的 grid 表格块')];
  }
  throw error;
}

/** The PDF's pages as a pdfmake definition (every page break explicit) and the font families it names. */
export interface PdfPlan {
  readonly definition: Record<string, unknown>;
  readonly families: Families;
  /** The pages placed by nianbao, drawn without pdfmake's layout; absent when pdfmake must lay out. */
  readonly placed?: PlacedDocument;
  readonly faces: Readonly<Record<FontRole, LoadedFont>>;
}

/** pdfmake lays the definition out instead of nianbao placing the pages (the comparison of the two, and a way back). */
export const PDFMAKE_LAYOUT = process.env.NIANBAO_PDFMAKE_LAYOUT === '1';

/** How the body's blocks are measured: the 版心, the pitch, each face's widths. */
function blockOptions(byRole: Readonly<Record<FontRole, LoadedFont>>): ContentOptions {
  const body = byRole.正文;
  const size = pageGeometry.bodySize;
  return {
    pageHeight: pageGeometry.typeHeight,
    bodySize: size,
    pitch: pageGeometry.pitch,
    lines: { measure: (ch) => body.advance(ch) * size, width: pageGeometry.typeWidth },
    faces: {
      一级标题: (ch) => byRole.一级标题.advance(ch) * size,
      二级标题: (ch) => byRole.二级标题.advance(ch) * size,
    },
    cellFont: { advance: body.advance, lineEm: body.lineEm },
  };
}

/**
 * Measured blocks kept across builds in one process (watch, a batch worker), for the faces they
 * were measured in: the loaded fonts of 正文, 一级标题 and 二级标题 (a font file changed on disk is
 * loaded again, as another object). Bounded: emptied past a few thousand blocks.
 */
const blockCaches = new WeakMap<LoadedFont, WeakMap<LoadedFont, WeakMap<LoadedFont, Map<string, Block>>>>();
function blockCache(byRole: Readonly<Record<FontRole, LoadedFont>>): Map<string, Block> | undefined {
  if (process.env.NIANBAO_NO_BLOCK_CACHE === '1') return undefined;
  const level = <K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V => {
    let found = map.get(key);
    if (found === undefined) map.set(key, (found = make()));
    return found;
  };
  const byHei = level(blockCaches, byRole.正文, () => new WeakMap());
  const byKai = level(byHei, byRole.一级标题, () => new WeakMap());
  const cache = level(byKai, byRole.二级标题, () => new Map<string, Block>());
  if (cache.size > 4000) cache.clear();
  return cache;
}

/**
 * The PDF's own stages on a composed source: every block measured, the pages broken, the
 * pdfmake definition drawn. Diagnostics when a grid cannot be laid out (a row group taller than a page).
 */
export function planPdf(file: string, composed: ComposedSource, options: BuildOptions = {}): PdfPlan | { readonly diagnostics: readonly Diagnostic[] } {
  const { tree: doc, faces: byRole, report } = composed;
  if (!doc || !byRole || !report) return { diagnostics: composed.diagnostics };
  const diagnostics = composed.diagnostics;
  let content: ReturnType<typeof documentBlocks>;
  try {
    content = documentBlocks(doc.body, blockOptions(byRole), PDFMAKE_LAYOUT ? undefined : blockCache(byRole));
  } catch (error) {
    const reportDir = path.dirname(path.resolve(file));
    return { diagnostics: [...diagnostics, ...stageFailure(error, file, reportDir, report, diagnostics, composed.template)] };
  }
  const families = Object.fromEntries(
    Object.entries(FAMILY_ROLES).map(([family, styles]) => [
      family,
      Object.fromEntries(Object.entries(styles).map(([style, role]) => [style, byRole[role]])),
    ]),
  ) as Families;
  const faces = Object.fromEntries(
    FONT_ROLES.map((role) => {
      const loaded = byRole[role];
      return [role, { advance: loaded.advance, ascent: loaded.font.ascent / loaded.font.unitsPerEm, lineEm: loaded.lineEm }];
    }),
  ) as unknown as FaceMetricsByRole;
  const ink = {
    Issuer: faceInk(byRole.发文机关标志.font),
    Body: faceInk(byRole.正文.font),
    Kai: faceInk(byRole.二级标题.font),
    PageNumber: faceInk(byRole.页码.font),
    advance: byRole.正文.advance,
  };
  const date = creationDate(report, options.sourceDateEpoch);
  const placed = PDFMAKE_LAYOUT ? undefined : placeDocument(doc, content, { faces, ink, creationDate: date, producer: PRODUCER });
  // The pdfmake definition, made when asked for, from blocks of its own: pdfmake writes onto the
  // nodes it lays out, and the placed path shares its blocks with later builds.
  let definition: Record<string, unknown> | undefined;
  const define = () =>
    documentDefinition(doc, placed ? documentBlocks(doc.body, blockOptions(byRole)) : content, {
      metrics: Object.fromEntries(Object.entries(families).map(([family, f]) => [family, f.normal.lineEm])) as unknown as FamilyMetrics,
      ink,
      creationDate: date,
      producer: PRODUCER,
    });
  return {
    get definition() {
      return (definition ??= define());
    },
    families,
    faces: byRole,
    ...(placed ? { placed } : {}),
  };
}

export async function buildSource(file: string, source: SourceInput, options: BuildOptions = {}): Promise<BuildResult> {
  const composed = await composeSource(file, source, options);
  const { report } = composed;
  const used = { ...(report ? { report } : {}), ...(composed.template ? { template: composed.template } : {}), ...(composed.fonts ? { fonts: composed.fonts } : {}) };
  const plan = planPdf(file, composed, options);
  if ('diagnostics' in plan || !composed.tree) return { ...used, diagnostics: 'diagnostics' in plan ? plan.diagnostics : composed.diagnostics };
  const pdf = plan.placed ? await drawPdf(plan.placed, plan.faces) : await renderPdf(plan.definition, plan.families);
  return { ...used, pdf, diagnostics: composed.diagnostics, ...(composed.markdown !== undefined ? { markdown: composed.markdown } : {}), tree: composed.tree };
}
