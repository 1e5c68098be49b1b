/**
 * Source → PDF bytes: the pure stages (check, template, Markdown, layout) with the edges they
 * need (fonts and templates from disk, the pdfmake sink). Writing the file is the caller's.
 */
import path from 'node:path';
import { type Diagnostic, hasErrors } from '../diagnostics/types.js';
import { FontError, loadFont, type LoadedFont, type ResolvedFont, resolveFonts } from '../fonts/resolve.js';
import { preflightGlyphs } from '../fonts/preflight.js';
import type { FontRole } from '../fonts/roles.js';
import { documentDefinition } from '../layout/document.js';
import { pageGeometry } from '../layout/geometry.js';
import { MarkdownError, markdownToContent } from '../markdown/to-pdfmake.js';
import type { Report } from '../model/types.js';
import { checkSource } from '../pipeline.js';
import { renderPdf } from '../render/pdf.js';
import { loadTemplate, TemplateError, templateFile } from '../template/load.js';

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
  readonly diagnostics: readonly Diagnostic[];
  /** The Markdown the template produced (for HTML and for debugging). */
  readonly markdown?: string;
}

const PRODUCER = 'nianbao';

/** The creation date: SOURCE_DATE_EPOCH, else the 成文日期 (Beijing midnight), else 1 January after the year. */
export function creationDate(report: Report, sourceDateEpoch?: string): Date {
  if (sourceDateEpoch && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000);
  const date = report.date ?? { year: report.year + 1, month: 1, day: 1 };
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - 8 * 3600 * 1000);
}

function failure(file: string, code: string, message: string, hint: string, line = 1): Diagnostic {
  return { file, position: { line, column: 1 }, severity: 'error', code, message, hint };
}

export async function buildSource(file: string, text: string, options: BuildOptions = {}): Promise<BuildResult> {
  const checked = checkSource(file, text, options.previous);
  const diagnostics = [...checked.diagnostics];
  const report = checked.report;
  if (!report || (hasErrors(diagnostics) && !options.force)) return { diagnostics, ...(report ? { report } : {}) };
  const reportDir = path.dirname(path.resolve(file));

  let resolved: ResolvedFont[];
  let byRole: Record<FontRole, LoadedFont>;
  try {
    resolved = resolveFonts(reportDir, report.fonts, options.systemFonts ?? true);
    byRole = Object.fromEntries(resolved.map((r) => [r.role, loadFont(r.file)])) as Record<FontRole, LoadedFont>;
  } catch (error) {
    if (!(error instanceof FontError)) throw error;
    const at = report.keyPositions.get('字体') ?? { line: 1, column: 1 };
    return { report, diagnostics: [...diagnostics, { ...failure(file, 'font', error.message, error.hint), position: at }] };
  }
  const glyphs = preflightGlyphs(report, byRole);
  if (glyphs.length > 0) return { report, fonts: resolved, diagnostics: [...diagnostics, ...glyphs] };

  let markdown: string;
  let content: ReturnType<typeof markdownToContent>;
  let templatePath = '';
  try {
    templatePath = templateFile(reportDir, report.template);
    markdown = loadTemplate(templatePath)(report);
    const body = byRole.正文;
    const measure = (ch: string): number => body.advance(ch) * pageGeometry.bodySize;
    content = markdownToContent(markdown, {
      pageHeight: pageGeometry.typeHeight,
      bodySize: pageGeometry.bodySize,
      pitch: pageGeometry.pitch,
      lines: { measure, width: pageGeometry.typeWidth },
      cellFont: { advance: body.advance, lineEm: body.lineEm },
    });
  } catch (error) {
    if (error instanceof TemplateError) return { report, diagnostics: [...diagnostics, failure(file, 'template', error.message, error.hint)] };
    if (error instanceof MarkdownError) return { report, diagnostics: [...diagnostics, failure(templatePath, 'template-table', error.message, '检查模板输出的 grid 表格块', error.line)] };
    throw error;
  }

  const definition = documentDefinition(report, content, {
    metrics: {
      Body: byRole.正文.lineEm,
      Hei: byRole.一级标题.lineEm,
      Kai: byRole.二级标题.lineEm,
      Title: byRole.标题.lineEm,
    },
    creationDate: creationDate(report, options.sourceDateEpoch),
    producer: PRODUCER,
  });
  const pdf = await renderPdf(definition, {
    Body: { normal: byRole.正文, bold: byRole.一级标题, italics: byRole.二级标题 },
    Hei: { normal: byRole.一级标题 },
    Kai: { normal: byRole.二级标题 },
    Title: { normal: byRole.标题 },
    Issuer: { normal: byRole.发文机关标志 },
    PageNumber: { normal: byRole.页码 },
  });
  return { pdf, report, fonts: resolved, diagnostics, markdown };
}
