/**
 * Stage: checked report → Markdown, through a Handlebars template. The helpers come from the
 * table definitions and the report; the template only arranges them. Pure once compiled.
 */
import Handlebars from 'handlebars';
import { formatGrid } from '../markdown/grid.js';
import type { Report } from '../model/types.js';
import { PARTS, TABLE_IDS } from '../tables/definitions.js';
import { tableGrid } from './tables.js';

export type CompiledTemplate = (report: Report) => string;

/** A template that cannot be read, parsed or rendered: reported as a diagnostic, not a crash. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Compiles a template once; the result renders any number of reports. */
export function compileTemplate(source: string, name: string): CompiledTemplate {
  const handlebars = Handlebars.create();
  let current: Report | undefined;
  const report = (): Report => {
    if (!current) throw new Error('template helper called outside a render');
    return current;
  };
  handlebars.registerHelper('heading', (n: number) => {
    const part = PARTS[Number(n) - 1];
    if (!part) throw new TemplateError(`模板“${name}”：heading ${n} 不存在`, '部分的编号只有 1–6');
    return `${part.number}、${part.title}`;
  });
  handlebars.registerHelper('part', (n: number) => report().narrative.parts[Number(n) - 1]?.markdown.trim() ?? '');
  handlebars.registerHelper('table', (key: string) => {
    const id = TABLE_IDS.find((t) => report().tables[t].def.key === key || t === key);
    if (!id) throw new TemplateError(`模板“${name}”：没有统计表“${key}”`, `可用：${TABLE_IDS.map((t) => report().tables[t].def.key).join('、')}`);
    return formatGrid(tableGrid(report().tables[id]));
  });
  // Handlebars compiles lazily, on the first render: parse now, so that a syntax error is
  // reported when the template is loaded.
  let parsed: ReturnType<typeof handlebars.parse>;
  try {
    parsed = handlebars.parse(source);
  } catch (error) {
    throw new TemplateError(`模板“${name}”有错：${error instanceof Error ? error.message.split('\n')[0] : error}`, '检查 {{ }} 是否成对');
  }
  // The parsed template, so that it is not parsed a second time.
  const template = handlebars.compile(parsed, { noEscape: true, strict: false });
  return (r) => {
    current = r;
    try {
      return template({ preamble: r.narrative.preamble.markdown.trim(), year: r.year, agency: r.agency, title: r.title });
    } finally {
      current = undefined;
    }
  };
}
