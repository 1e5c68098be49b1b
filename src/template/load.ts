/** The edge where template names become compiled templates: beside the report first, then shipped. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompiledTemplate, compileTemplate, TemplateError } from './render.js';

export { TemplateError };

export const SHIPPED_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
const TEMPLATE_FILE = 'report.md.hbs';


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
  const template = compileTemplate(readFileSync(file, 'utf8'), file);
  compiled.set(file, { mtimeMs, template });
  return template;
}
