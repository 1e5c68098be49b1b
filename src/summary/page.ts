/**
 * The county's summary page (`nianbao check <dir> --summary summary.html`): one standalone HTML
 * file, no external request, readable without scripts. Per report its status and diagnostics with
 * their place; per rule how many reports break it; charts of errors per report and of the key
 * figures. A small inline script only adds sorting to the tables' headers.
 */
import path from 'node:path';
import { type Diagnostic, SEVERITY_LABEL, type Severity } from '../diagnostics/types.js';
import type { Report } from '../model/types.js';
import { barChart } from './charts.js';
import { FIGURES, type FigureDef, type FigureValue, figureOf, figureTotal, formatFigure } from './figures.js';
import { escapeHtml } from './html.js';
import { cellPlace } from './place.js';

/** One checked source: what `check` printed for it, and its model when one could be read. */
export interface SummaryEntry {
  readonly file: string;
  readonly report: Report | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export type ReportStatus = 'ok' | 'warning' | 'error';

export const STATUS_LABEL: Readonly<Record<ReportStatus, string>> = { ok: '通过', warning: '有警告', error: '有错误' };

export function statusOf(entry: SummaryEntry): ReportStatus {
  if (!entry.report || entry.diagnostics.some((d) => d.severity === 'error')) return 'error';
  return entry.diagnostics.length > 0 ? 'warning' : 'ok';
}

interface Row {
  readonly entry: SummaryEntry;
  readonly id: string;
  readonly name: string;
  /** The name as a chart's label: the year first, so that a label cut short keeps it. */
  readonly label: string;
  readonly status: ReportStatus;
  readonly errors: number;
  readonly warnings: number;
  readonly figures: readonly FigureValue[];
}

/** A report as the county names it: 机关 and 年度, or the file's name when nothing could be read. */
function nameOf(entry: SummaryEntry): string {
  return entry.report ? `${entry.report.agency} ${entry.report.year}年` : path.basename(entry.file);
}

const count = (n: number) => `<td class="num" data-sort="${n}">${n}</td>`;

function figureCell(value: FigureValue): string {
  const sort = value.kind === 'none' ? -1 : value.value;
  const title =
    value.kind === 'rate' ? ` title="${value.numerator} ÷ ${value.denominator}"` : value.kind === 'none' ? ` title="${escapeHtml(value.why)}"` : '';
  return `<td class="num" data-sort="${sort}"${title}>${formatFigure(value)}</td>`;
}

function statusBadge(status: ReportStatus): string {
  return `<span class="status status-${status}">${STATUS_LABEL[status]}</span>`;
}

function overview(rows: readonly Row[]): string {
  const head = ['报告', '状态', '错误', '警告', ...FIGURES.map((f) => f.label)]
    .map((h, i) => `<th scope="col"${i >= 2 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr><th scope="row" data-sort="${escapeHtml(row.name)}"><a href="#${row.id}">${escapeHtml(row.name)}</a><br><span class="path">${escapeHtml(row.entry.file)}</span></th>` +
        `<td data-sort="${['ok', 'warning', 'error'].indexOf(row.status)}">${statusBadge(row.status)}</td>` +
        count(row.errors) +
        count(row.warnings) +
        row.figures.map(figureCell).join('') +
        '</tr>',
    )
    .join('\n');
  const totals = FIGURES.map((figure, index) => figureCell(figureTotal(rows.map((r) => r.figures[index] as FigureValue), figure))).join('');
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  const warnings = rows.reduce((n, r) => n + r.warnings, 0);
  return (
    `<section class="scroll" tabindex="0" aria-labelledby="overview-caption"><table class="sortable" id="overview">` +
    `<caption id="overview-caption">各报告的检查结果和主要数字</caption>` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>` +
    `<tfoot><tr><th scope="row">合计（${rows.length} 份）</th><td></td>${count(errors)}${count(warnings)}${totals}</tr></tfoot></table></section>`
  );
}

interface RuleRow {
  readonly code: string;
  readonly severities: ReadonlySet<Severity>;
  readonly reports: Row[];
  occurrences: number;
}

function rules(rows: readonly Row[]): string {
  const byCode = new Map<string, RuleRow>();
  for (const row of rows) {
    for (const d of row.entry.diagnostics) {
      const rule = byCode.get(d.code) ?? { code: d.code, severities: new Set<Severity>(), reports: [], occurrences: 0 };
      (rule.severities as Set<Severity>).add(d.severity);
      if (!rule.reports.includes(row)) rule.reports.push(row);
      rule.occurrences++;
      byCode.set(d.code, rule);
    }
  }
  const sorted = [...byCode.values()].sort((a, b) => b.reports.length - a.reports.length || b.occurrences - a.occurrences || a.code.localeCompare(b.code));
  if (sorted.length === 0) return '<p>没有一份报告违反任何规则。</p>';
  const body = sorted
    .map((rule) => {
      const severity = (['error', 'warning'] as const).filter((s) => rule.severities.has(s)).map((s) => SEVERITY_LABEL[s]).join('、');
      const links = rule.reports.map((r) => `<a href="#${r.id}">${escapeHtml(r.name)}</a>`).join('、');
      return `<tr><th scope="row"><code>${escapeHtml(rule.code)}</code></th><td>${severity}</td>${count(rule.reports.length)}${count(rule.occurrences)}<td>${links}</td></tr>`;
    })
    .join('\n');
  return (
    `<section class="scroll" tabindex="0" aria-labelledby="rules-caption"><table class="sortable" id="rules">` +
    `<caption id="rules-caption">每条规则：多少份报告违反了它</caption>` +
    `<thead><tr><th scope="col">规则</th><th scope="col">级别</th><th scope="col" class="num">报告数</th><th scope="col" class="num">次数</th><th scope="col">报告</th></tr></thead>\n` +
    `<tbody>\n${body}\n</tbody></table></section>`
  );
}

function charts(rows: readonly Row[]): string {
  const problems = barChart({
    id: 'chart-problems',
    title: '各报告的错误和警告',
    description: '每份报告一条：红色为错误数，黄色为警告数。',
    max: Math.max(1, ...rows.map((r) => r.errors + r.warnings)),
    bars: rows.map((r) => ({
      label: r.label,
      title: `${r.name}：${r.errors} 个错误，${r.warnings} 个警告`,
      text: `${r.errors} 错 / ${r.warnings} 警`,
      segments: [
        { value: r.errors, className: 'bar-error' },
        { value: r.warnings, className: 'bar-warning' },
      ],
    })),
  });
  const figure = (def: FigureDef, index: number) => {
    const values = rows.map((r) => r.figures[index] as FigureValue);
    const max = def.denominator ? 1 : Math.max(1, ...values.map((v) => (v.kind === 'none' ? 0 : v.value)));
    return (
      `<figure><figcaption>${escapeHtml(def.label)}<small>${escapeHtml(def.explanation)}</small></figcaption>` +
      barChart({
        id: `chart-${def.id}`,
        title: def.label,
        description: `每份报告一条：${def.explanation}。“—”为没有可计算的数。`,
        max,
        bars: rows.map((r, i) => {
          const value = values[i] as FigureValue;
          return {
            label: r.label,
            title: `${r.name}：${def.label} ${formatFigure(value)}${value.kind === 'none' ? `（${value.why}）` : ''}`,
            text: formatFigure(value),
            segments: [{ value: value.kind === 'none' ? 0 : value.value, className: 'bar-figure' }],
          };
        }),
      }) +
      '</figure>'
    );
  };
  return (
    `<figure><figcaption>各报告的错误和警告</figcaption>${problems}</figure>` +
    `<h3>主要数字</h3><div class="charts">${FIGURES.map(figure).join('')}</div>`
  );
}

/**
 * A published file checked directly (PDF, HTML, DOCX; h/imp-core) says where in the original a
 * diagnostic is (`第3页 表三…`); its position is then in the imported source. Read structurally,
 * so that this module needs nothing of the importer's.
 */
type Placed = Diagnostic & { readonly original?: { readonly where?: string } };

/** line:column in the source, or the place in the original for a published file. */
export function whereOf(d: Diagnostic): string {
  const original = (d as Placed).original;
  return original ? original.where || `导入后第${d.position.line}行` : `${d.position.line}:${d.position.column}`;
}

function diagnosticItem(entry: SummaryEntry, d: Diagnostic): string {
  const cell = cellPlace(entry.report, d.position);
  return (
    `<li class="diagnostic diagnostic-${d.severity}"><span class="where">${escapeHtml(whereOf(d))}</span> ` +
    `<span class="severity">${SEVERITY_LABEL[d.severity]}</span> <code>${escapeHtml(d.code)}</code> ${escapeHtml(d.message)}` +
    (cell ? ` <span class="cell">（${escapeHtml(cell)}）</span>` : '') +
    (d.hint ? `<br><span class="hint">提示：${escapeHtml(d.hint)}</span>` : '') +
    '</li>'
  );
}

function reportSection(row: Row): string {
  const items = row.entry.diagnostics.map((d) => diagnosticItem(row.entry, d)).join('\n');
  const figures = FIGURES.map((f, i) => `${escapeHtml(f.label)} ${formatFigure(row.figures[i] as FigureValue)}`).join('，');
  return (
    `<section class="report" id="${row.id}" aria-labelledby="${row.id}-name"><h3 id="${row.id}-name">${escapeHtml(row.name)} ${statusBadge(row.status)}</h3>` +
    `<p class="file">${escapeHtml(row.entry.file)}：${row.errors} 个错误，${row.warnings} 个警告。${row.entry.report ? `${figures}。` : ''}</p>` +
    (items ? `<ol class="diagnostics">\n${items}\n</ol>` : '<p>没有发现问题。</p>') +
    '</section>'
  );
}

const STYLE = `
:root{color-scheme:light}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#1b1b1b;background:#fff;line-height:1.6}
main{max-width:1120px;margin:0 auto;padding:24px 24px 48px}
h1{font-size:1.6em;margin:0 0 .3em}
h2{font-size:1.25em;margin:1.6em 0 .5em;border-bottom:2px solid #1b1b1b}
h3{font-size:1.05em;margin:1.2em 0 .4em}
.lead{font-size:1.05em}
.scroll{overflow-x:auto;max-width:100%}
.scroll:focus{outline:2px solid #1565c0}
table{border-collapse:collapse;width:100%;font-size:14px}
caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border:1px solid #c8c8c8;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f0f0f0;white-space:nowrap}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
#overview{min-width:720px}
#overview tbody th{min-width:13em;font-weight:normal}
#rules{min-width:560px}
.path{font-size:.85em;color:#555;overflow-wrap:anywhere}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot th,tfoot td{font-weight:bold;background:#fafafa}
.status{display:inline-block;padding:0 .5em;border-radius:3px;font-size:.9em;font-weight:bold;white-space:nowrap}
.status-ok{background:#e3f1e4;color:#1b5e20}
.status-warning{background:#fff3cd;color:#6d4c00}
.status-error{background:#fde0e0;color:#a00000}
figure{margin:0 0 16px}
figcaption{font-weight:bold}
figcaption small{display:block;font-weight:normal;color:#555}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px 24px}
svg.chart{display:block;width:100%;max-width:600px;height:auto}
svg .label,svg .value{font-size:12px;fill:#1b1b1b}
svg .axis{stroke:#888;stroke-width:1}
.bar-error{fill:#c62828}
.bar-warning{fill:#f2b705}
.bar-figure{fill:#1565c0}
.report{border-top:1px solid #ddd;padding-top:.2em}
.file{color:#444;margin:.2em 0;overflow-wrap:anywhere}
.diagnostics{padding-left:1.6em;margin:.4em 0}
.diagnostic{margin:.3em 0;overflow-wrap:anywhere}
.where{font-family:ui-monospace,"DejaVu Sans Mono",monospace;color:#555}
.diagnostic-error .severity{color:#a00000;font-weight:bold}
.diagnostic-warning .severity{color:#6d4c00;font-weight:bold}
.cell{color:#1565c0}
.hint{color:#555}
@media (max-width:640px){main{padding:16px 12px 32px}h1{font-size:1.3em}table{font-size:13px}.charts{grid-template-columns:1fr}}
@media print{.scroll{overflow:visible}a{color:inherit;text-decoration:none}}
`;

/** Makes the tables' headers sort their rows (by data-sort, else the text); the page reads without it. */
const SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, index) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var key = function (row) { var c = row.cells[index]; return c.getAttribute('data-sort') || c.textContent; };
      Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x = key(a), y = key(b), nx = Number(x), ny = Number(y);
        var order = x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, 'zh-CN');
        return ascending ? order : -order;
      }).forEach(function (row) { body.appendChild(row); });
    });
  });
});
`;

export function summaryPage(entries: readonly SummaryEntry[]): string {
  const rows: Row[] = entries.map((entry, index) => ({
    entry,
    id: `report-${index + 1}`,
    name: nameOf(entry),
    label: entry.report ? `${entry.report.year} ${entry.report.agency}` : path.basename(entry.file),
    status: statusOf(entry),
    errors: entry.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: entry.diagnostics.filter((d) => d.severity === 'warning').length,
    figures: FIGURES.map((f) => figureOf(entry.report, f)),
  }));
  const by = (s: ReportStatus) => rows.filter((r) => r.status === s).length;
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  const warnings = rows.reduce((n, r) => n + r.warnings, 0);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开工作年度报告检查汇总</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>政府信息公开工作年度报告检查汇总</h1>
<p class="lead" id="totals">共 ${rows.length} 份报告：通过 ${by('ok')} 份，有警告 ${by('warning')} 份，有错误 ${by('error')} 份；共 ${errors} 个错误，${warnings} 个警告。</p>
<p>由 nianbao check --summary 生成。每个问题给出源文件中的行:列，统计表中的问题另给出表、行和列。</p>
<h2>各报告</h2>
${overview(rows)}
<h2>各项规则</h2>
${rules(rows)}
<h2>图表</h2>
${charts(rows)}
<h2>各报告的问题</h2>
${rows.map(reportSection).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
