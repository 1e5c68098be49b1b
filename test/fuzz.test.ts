/**
 * Seeded fuzzing of the sources: every mutated input must end in diagnostics (each with a position
 * inside the input) or a PDF; never an exception, never a stack trace, never an empty PDF.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSource } from '../src/build/index.js';
import { checkSource } from '../src/pipeline.js';
import { mulberry32 } from './support/mutations.js';


const SOURCES = [
  ...readdirSync('examples').filter((f) => f.endsWith('.md')).map((f) => readFileSync(`examples/${f}`, 'utf8')),
  readFileSync('test/fixtures/valid.md', 'utf8'),
];

type Mutation = (text: string, random: () => number) => string;

/** `depth` block mappings, each inside the last, in the front matter. */
const nestBlocks = (text: string, depth: number) =>
  text.replace('\n---\n', `\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2)}层${i}:`).join('\n')}\n---\n`);
/** `depth` flow sequences, each inside the last, in the front matter. */
const nestFlows = (text: string, depth: number) =>
  text.replace('年度:', `深: ${'['.repeat(depth)}${']'.repeat(depth)}\n年度:`);

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;
const at = (text: string, random: () => number) => Math.floor(random() * (text.length + 1));
const lineOp = (f: (lines: string[], i: number) => void): Mutation => (text, random) => {
  const lines = text.split('\n');
  f(lines, Math.floor(random() * lines.length));
  return lines.join('\n');
};

const MUTATIONS: Record<string, Mutation> = {
  'delete a line': lineOp((lines, i) => lines.splice(i, 1)),
  'duplicate a line': lineOp((lines, i) => lines.splice(i, 0, lines[i] ?? '')),
  'swap two characters': (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1, i + 2) + t.slice(i, i + 1) + t.slice(i + 2);
  },
  'drop a character': (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1);
  },
  'insert a tab': (t, r) => {
    const i = at(t, r);
    return `${t.slice(0, i)}\t${t.slice(i)}`;
  },
  truncate: (t, r) => t.slice(0, at(t, r)),
  'random bytes': (t, r) => {
    const i = at(t, r);
    const junk = Array.from({ length: 1 + Math.floor(r() * 8) }, () => String.fromCharCode(Math.floor(r() * 0xffff))).join('');
    return t.slice(0, i) + junk + t.slice(i);
  },
  'huge number': (t, r) => t.replace(/\b\d+\b/g, (m) => (r() < 0.2 ? '99999999999999999999999' : m)),
  'negative number': (t, r) => t.replace(/: (\d+)/g, (m, d) => (r() < 0.2 ? `: -${d}` : m)),
  // Shallow here, so that nesting meets the other mutations; the deep levels are checked once
  // each below, not again and again at random (they cost the most).
  'deep nesting': (t, r) => nestBlocks(t, 50 + Math.floor(r() * 250)),
  'deep flow nesting': (t, r) => nestFlows(t, 50 + Math.floor(r() * 250)),
  'very long line': lineOp((lines, i) => {
    lines[i] = `${lines[i]}${'很长的一行，'.repeat(3000)}`;
  }),
  'mixed line endings': (t, r) => t.replace(/\n/g, () => (r() < 0.3 ? '\r\n' : r() < 0.1 ? '\r' : '\n')),
};

const CASES = 2400;

function inputPositionOk(text: string, line: number, column: number): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  return Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length + 1 && column >= 1;
}

/** What is wrong with checking `text`: a throw, a position outside it, a bad message, no outcome. */
function checkViolations(label: string, text: string): string[] {
  let result: ReturnType<typeof checkSource>;
  try {
    result = checkSource('f.md', text);
  } catch (error) {
    return [`${label}: threw ${error instanceof Error ? error.stack?.split('\n').slice(0, 3).join(' | ') : error}`];
  }
  const violations: string[] = [];
  for (const d of result.diagnostics) {
    if (!inputPositionOk(text, d.position.line, d.position.column)) violations.push(`${label}: ${d.code} at ${d.position.line}:${d.position.column}`);
    if (/\n\s+at /.test(d.message) || !d.message) violations.push(`${label}: bad message ${d.message.slice(0, 80)}`);
  }
  if (!result.report && !result.diagnostics.some((d) => d.severity === 'error')) violations.push(`${label}: no report and no error`);
  return violations;
}

/** What is wrong with building `text`: a throw, a tiny PDF, neither a PDF nor an error. */
async function buildViolations(label: string, text: string): Promise<{ pdf: boolean; violations: string[] }> {
  try {
    const built = await buildSource('f.md', text, { systemFonts: false });
    const violations: string[] = [];
    if (built.pdf && built.pdf.length < 1000) violations.push(`${label}: tiny PDF`);
    if (!built.pdf && !built.diagnostics.some((d) => d.severity === 'error')) violations.push(`${label}: no PDF and no error`);
    return { pdf: Boolean(built.pdf), violations };
  } catch (error) {
    return { pdf: false, violations: [`${label}: build threw ${error instanceof Error ? error.message : error}`] };
  }
}

describe('fuzz', () => {
  it(`${CASES} mutated sources end in positioned diagnostics or a report; a sample also builds`, async () => {
    const random = mulberry32(20261123);
    const names = Object.keys(MUTATIONS);
    const counts: Record<string, number> = {};
    const failures: string[] = [];
    let pdfs = 0;
    for (let n = 0; n < CASES; n++) {
      const name = pick(names, random);
      counts[name] = (counts[name] ?? 0) + 1;
      let text = pick(SOURCES, random);
      const rounds = 1 + Math.floor(random() * 3);
      for (let k = 0; k < rounds; k++) text = (MUTATIONS[k === 0 ? name : pick(names, random)] as Mutation)(text, random);
      failures.push(...checkViolations(`case ${n} (${name})`, text));
      if (n % 60 === 0) {
        const built = await buildViolations(`case ${n} (${name})`, text);
        if (built.pdf) pdfs++;
        failures.push(...built.violations);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // Every mutation ran, and some of the sampled builds did give a PDF.
    expect(Object.keys(counts).sort()).toEqual([...names].sort());
    expect(pdfs).toBeGreaterThan(0);
  }, 240_000);

  // Each depth once, from shallow to the deepest the random fuzz used to reach (2,049 block
  // levels, 3,049 flow levels), on the sources in turn; the deepest of each is also built.
  const BLOCK_DEPTHS = [50, 100, 200, 400, 800, 1200, 1600, 2049];
  const FLOW_DEPTHS = [50, 100, 300, 1000, 2000, 3049];
  it('deep nesting: block mappings up to 2,049 levels and flow sequences up to 3,049 end in positioned diagnostics or a report, and build', async () => {
    const source = (i: number) => SOURCES[i % SOURCES.length] as string;
    const cases = [
      ...BLOCK_DEPTHS.map((depth, i) => ({ label: `${depth} block levels`, text: nestBlocks(source(i), depth), nested: `层${depth - 1}:`, build: depth === BLOCK_DEPTHS.at(-1) })),
      ...FLOW_DEPTHS.map((depth, i) => ({ label: `${depth} flow levels`, text: nestFlows(source(i), depth), nested: `深: ${'['.repeat(depth)}]`, build: depth === FLOW_DEPTHS.at(-1) })),
    ];
    const failures: string[] = [];
    for (const { label, text, nested, build } of cases) {
      // The mutation found its place in the source: the case really is nested that deep.
      if (!text.includes(nested)) failures.push(`${label}: not nested`);
      failures.push(...checkViolations(label, text));
      if (build) failures.push(...(await buildViolations(label, text)).violations);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
