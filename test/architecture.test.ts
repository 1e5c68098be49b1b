import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../src');

/** Every module under src/ and the modules it imports (relative imports, type imports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.(ts|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const text = readFileSync(file, 'utf8');
        const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
          path.relative(SRC, path.resolve(path.dirname(file), (m[1] as string).replace(/\.js$/, '.ts'))),
        );
        graph.set(path.relative(SRC, file), targets);
      }
    }
  };
  visit(SRC);
  return graph;
}

/**
 * The pure stages, in pipeline order (README, "Layout of the code"): a module of one may import
 * its own folder and earlier stages, never a later one. The edges (files, fonts, commands, build,
 * batch, watch, serve, the CLI) call the stages and are held only to having no cycles.
 */
const STAGES = ['source', 'text', 'model', 'markdown', 'check', 'template', 'document', 'preflight', 'html', 'paginate', 'layout', 'render'];

describe('the stages import one way', () => {
  const graph = importGraph();

  it('every relative import names a module that exists', () => {
    const missing = [...graph].flatMap(([from, targets]) => targets.filter((t) => !graph.has(t)).map((t) => `${from} → ${t}`));
    expect(missing).toEqual([]);
  });

  it('no stage imports a later one', () => {
    const rank = (module: string) => STAGES.indexOf(module.split(path.sep)[0] ?? '');
    const backwards = [...graph].flatMap(([from, targets]) =>
      targets.filter((t) => rank(from) >= 0 && rank(t) > rank(from)).map((t) => `${from} → ${t}`),
    );
    expect(backwards).toEqual([]);
  });

  it('no module imports itself through others (no cycles)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (module: string) => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(module)), module].join(' → '));
        return;
      }
      state.set(module, 'open');
      stack.push(module);
      for (const target of graph.get(module) ?? []) visit(target);
      stack.pop();
      state.set(module, 'done');
    };
    for (const module of graph.keys()) visit(module);
    expect(cycles).toEqual([]);
  });

  it('the renderers of the tree do not walk Markdown: only the composer and the checks parse it', () => {
    const parsers = [...graph.keys()].filter((module) => /markdown-it|source\/markdown\.js/.test(readFileSync(path.join(SRC, module), 'utf8')));
    expect(parsers.filter((m) => /^(html|layout|render|preflight|paginate|docx)\//.test(m))).toEqual([]);
  });
});
