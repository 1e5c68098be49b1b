/**
 * Small horizontal bar charts in inline SVG: one bar a report, so that a county's 30 townships
 * read top to bottom on a phone as on a desk. Every number a chart shows is also in a table.
 */
import { escapeHtml } from './html.js';

export interface BarSegment {
  readonly value: number;
  /** CSS class giving the colour (errors, warnings, figure). */
  readonly className: string;
}

export interface Bar {
  readonly label: string;
  readonly segments: readonly BarSegment[];
  /** The number printed at the end of the bar (`3 错 / 1 警`, `87.5%`, `—`). */
  readonly text: string;
  /** Said to a screen reader and shown on hover: the full label and the values. */
  readonly title: string;
}

export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly bars: readonly Bar[];
  /** The value a full-width bar stands for (at least the largest bar). */
  readonly max: number;
}

const WIDTH = 400;
const LABEL = 176;
const VALUE = 64;
const ROW = 22;
const BAR = 14;
/** Label width that fits the label column at 12 px: 12 CJK characters (two units each, ~13 px with the fallback fonts). */
const LABEL_UNITS = 24;

/** A label cut to the column, by width (a CJK character counts two, ASCII one), with an ellipsis. */
export function shortLabel(label: string): string {
  let units = 0;
  let out = '';
  for (const ch of label) {
    units += (ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2;
    if (units > LABEL_UNITS) return `${out}…`;
    out += ch;
  }
  return out;
}

export function barChart(chart: Chart): string {
  const height = chart.bars.length * ROW + 8;
  const room = WIDTH - LABEL - VALUE;
  const scale = chart.max > 0 ? room / chart.max : 0;
  const rows = chart.bars.map((bar, index) => {
    const y = 4 + index * ROW;
    let x = LABEL;
    const rects = bar.segments
      .filter((s) => s.value > 0)
      .map((s) => {
        const w = Math.max(1, s.value * scale);
        const rect = `<rect class="${s.className}" x="${x.toFixed(1)}" y="${y + (ROW - BAR) / 2}" width="${w.toFixed(1)}" height="${BAR}"></rect>`;
        x += w;
        return rect;
      })
      .join('');
    return (
      `<g><title>${escapeHtml(bar.title)}</title>` +
      `<text class="label" x="${LABEL - 6}" y="${y + ROW / 2 + 4}" text-anchor="end">${escapeHtml(shortLabel(bar.label))}</text>` +
      rects +
      `<text class="value" x="${(x + 4).toFixed(1)}" y="${y + ROW / 2 + 4}">${escapeHtml(bar.text)}</text></g>`
    );
  });
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc">` +
    `<title id="${chart.id}-title">${escapeHtml(chart.title)}</title><desc id="${chart.id}-desc">${escapeHtml(chart.description)}</desc>` +
    `<line class="axis" x1="${LABEL}" y1="0" x2="${LABEL}" y2="${height}"></line>` +
    rows.join('') +
    '</svg>'
  );
}
