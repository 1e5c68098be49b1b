/**
 * pdfmake looks some twenty style properties up for every inline it measures, each time walking
 * the inline's ancestors and named styles (and allocating as it goes): the better part of its
 * measuring time. A leaf with a plain string is a single inline, so its properties are resolved
 * here once, the way pdfmake resolves them (the nearest ancestor, or named style of an ancestor,
 * that sets the property; then the default style; then pdfmake's default), and written on the
 * leaf, where pdfmake finds them first (test/resolve-styles.test.ts). The PDFs came out byte for byte
 * the same as before this pass.
 */
import type { PdfNode } from '../markdown/to-pdfmake.js';

/** The properties pdfmake resolves per inline whose default is a value (not null), with it. */
const PDFMAKE_DEFAULTS: Readonly<Record<string, unknown>> = {
  font: 'Roboto',
  bold: false,
  italics: false,
  alignment: 'left',
  fontSize: 12,
  characterSpacing: 0,
  color: 'black',
  opacity: 1,
  sup: false,
  sub: false,
  lineHeight: 1,
  preserveLeadingSpaces: false,
  preserveTrailingSpaces: false,
  wordBreak: 'normal',
  leadingIndent: 0,
};

type Styles = Readonly<Record<string, Readonly<Record<string, unknown>>>>;
const isValue = (v: unknown) => v !== undefined && v !== null;

const PROPERTIES = Object.keys(PDFMAKE_DEFAULTS);

/** Writes each string leaf's resolved style properties on it; `content` is changed in place. */
export function resolveLeafStyles(content: PdfNode[], styles: Styles, defaultStyle: Readonly<Record<string, unknown>>): void {
  // What a node's descendants inherit, merged once per node on the way down: pdfmake's lookup
  // order (the node itself over its named styles, the last named style first, over ancestors).
  const base: Record<string, unknown> = {};
  for (const property of PROPERTIES) base[property] = isValue(defaultStyle[property]) ? defaultStyle[property] : PDFMAKE_DEFAULTS[property];
  const visit = (node: unknown, inherited: Readonly<Record<string, unknown>>): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const n = node as PdfNode;
    const names = n.style === undefined ? [] : Array.isArray(n.style) ? (n.style as string[]) : [n.style as string];
    // A named style that inherits (`extends`) is left to pdfmake.
    if (names.some((name) => styles[name]?.extends !== undefined)) return;
    let here = inherited;
    for (const source of [...names.map((name) => styles[name] ?? {}), n]) {
      for (const property of PROPERTIES) {
        if (isValue(source[property]) && source[property] !== here[property]) {
          if (here === inherited) here = { ...inherited };
          (here as Record<string, unknown>)[property] = source[property];
        }
      }
    }
    if (typeof n.text === 'string') {
      for (const property of PROPERTIES) if (!isValue(n[property])) n[property] = here[property];
    }
    if (Array.isArray(n.stack)) for (const child of n.stack) visit(child, here);
    if (Array.isArray(n.columns)) for (const child of n.columns) visit(child, here);
    const table = n.table as { body?: unknown[][] } | undefined;
    if (table?.body) for (const row of table.body) for (const cell of row) visit(cell, here);
  };
  for (const node of content) visit(node, base);
}
