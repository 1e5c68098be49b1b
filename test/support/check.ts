import { readFileSync } from 'node:fs';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import type { Report } from '../../src/model/types.js';
import { checkSource } from '../../src/pipeline.js';

export const VALID = readFileSync(new URL('../fixtures/valid.md', import.meta.url), 'utf8');

/** The diagnostics' first lines (`file:line:col 级别 code 说明`), without hints. */
export function lines(text: string, previous?: Report): string[] {
  return checkSource('r.md', text, previous).diagnostics.map((d) =>
    formatDiagnostic({ ...d, hint: '' }),
  );
}

/** The hints of the diagnostics, in order. */
export function hints(text: string): string[] {
  return checkSource('r.md', text).diagnostics.map((d) => d.hint);
}

/** Replaces exactly one occurrence of `from` in the valid fixture. */
export function edit(from: string, to: string, text = VALID): string {
  const index = text.indexOf(from);
  if (index < 0 || text.indexOf(from, index + 1) >= 0)
    throw new Error(`not exactly one “${from}” in the fixture`);
  return text.slice(0, index) + to + text.slice(index + from.length);
}

/** The valid fixture as a 2020 report in the 2021 layout, its dates a year earlier: last year's for --previous. */
export function yearBefore(text: string = edit('年度: 2021', '年度: 2020')): string {
  return text
    .replace('成文日期: 2022年1月21日', '成文日期: 2021年1月21日')
    .replace('印发日期: 2022年1月21日', '印发日期: 2021年1月21日')
    .replace('〔2022〕', '〔2021〕')
    .replace('依申请公开:\n', '依申请公开:\n  格式: 2021\n')
    .replace('主动公开:\n', '主动公开:\n  格式: 2021\n')
    .replace('复议诉讼:\n', '复议诉讼:\n  格式: 2021\n');
}
