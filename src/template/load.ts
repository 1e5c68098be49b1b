/**
 * The edge where template names become compiled templates: beside the report first, then shipped.
 * A template is read only from inside the report's folder tree or the shipped templates, after
 * resolving symlinks and `..` (a `模板: ../../x` or a symlink to /etc/passwd would otherwise be
 * published in the PDF), and only when it is a regular file of reasonable size.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRegularFile, SIZE_LIMITS, UnreadableFile } from '../files/regular.js';
import { type CompiledTemplate, compileTemplate, TemplateError } from './render.js';

export { TemplateError };
export type { CompiledTemplate, Rendered } from './render.js';

export const SHIPPED_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
const TEMPLATE_FILE = 'report.md.hbs';

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function inside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * The template file a report uses: `templates/<name>/report.md.hbs` beside it, else shipped.
 * Throws TemplateError when there is none, or when it (or what its symlinks lead to) lies
 * outside both the report's folder and the shipped templates.
 */
export function templateFile(reportDir: string, name: string): string {
  const roots = [realOrSelf(reportDir), realOrSelf(SHIPPED_TEMPLATE_DIR)];
  for (const dir of [path.join(reportDir, 'templates'), SHIPPED_TEMPLATE_DIR]) {
    const file = path.join(dir, name, TEMPLATE_FILE);
    if (!existsSync(file)) continue;
    const real = realOrSelf(file);
    if (!roots.some((root) => inside(real, root))) {
      throw new TemplateError(
        `模板“${name}”在报告所在的文件夹之外（${real}），不能使用`,
        '模板只能放在报告旁边的 templates/ 目录里（符号链接也必须指向报告的文件夹之内）；或删去“模板:”使用默认模板',
      );
    }
    return file;
  }
  throw new TemplateError(`找不到模板“${name}”`, `模板是 templates/${name}/${TEMPLATE_FILE}：放在报告旁边的 templates/ 目录里，或删去“模板:”使用默认模板`);
}

const compiled = new Map<string, { mtimeMs: number; size: number; template: CompiledTemplate }>();

/** Compiles a template once per process, again only when the file changes. */
export function loadTemplate(file: string): CompiledTemplate {
  let read: ReturnType<typeof readRegularFile>;
  try {
    read = readRegularFile(file, SIZE_LIMITS.template);
  } catch (error) {
    const reason = error instanceof UnreadableFile ? error.reason : String(error);
    throw new TemplateError(`无法读取模板“${file}”：${reason}`, `模板 ${TEMPLATE_FILE} 必须是普通文件（不能是目录、管道或设备），不超过 1 MB`);
  }
  const { mtimeMs, size } = read.stats;
  const cached = compiled.get(file);
  if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.template;
  const template = compileTemplate(read.bytes.toString('utf8'), path.basename(path.dirname(file)), file);
  compiled.set(file, { mtimeMs, size, template });
  return template;
}
