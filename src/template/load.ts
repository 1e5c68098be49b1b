/** The edge where template names become compiled templates: beside the report first, then shipped. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompiledTemplate, compileTemplate } from './render.js';

export const SHIPPED_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
const TEMPLATE_FILE = 'report.md.hbs';

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The template file a report uses: `templates/<name>/report.md.hbs` beside it, else shipped. */
export function templateFile(reportDir: string, name: string): string {
  for (const dir of [path.join(reportDir, 'templates'), SHIPPED_TEMPLATE_DIR]) {
    const file = path.join(dir, name, TEMPLATE_FILE);
    if (existsSync(file)) return file;
  }
  throw new TemplateError(`找不到模板“${name}”`, `模板是 templates/${name}/${TEMPLATE_FILE}：放在报告旁边的 templates/ 目录里，或删去“模板:”使用默认模板`);
}

const compiled = new Map<string, { mtimeMs: number; template: CompiledTemplate }>();

/** Compiles a template once per process, again only when the file changes. */
export function loadTemplate(file: string): CompiledTemplate {
  const mtimeMs = statSync(file).mtimeMs;
  const cached = compiled.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.template;
  let template: CompiledTemplate;
  try {
    template = compileTemplate(readFileSync(file, 'utf8'), file);
    // Handlebars compiles lazily: render nothing now so syntax errors surface here.
  } catch (error) {
    throw new TemplateError(`模板“${file}”有错：${error instanceof Error ? error.message.split('\n')[0] : error}`, '检查 {{ }} 是否成对');
  }
  compiled.set(file, { mtimeMs, template });
  return template;
}
