/**
 * The grid blocks a clerk writes in the narrative, checked where they stand in the source (the
 * template only copies them): a malformed block is an error at its file:line:column, found by
 * `nianbao check` before anything is built.
 */
import { sectionTokens } from '../source/markdown.js';
import type { Diagnostic, Position } from '../diagnostics/types.js';
import type { Narrative } from '../model/types.js';
import { GRID_LIMITS, type GridProblem, readGrid } from './grid.js';


/** A grid block of the source: its fence and content as the template output will carry them, and where its lines are. */
export interface SourceGrid {
  readonly info: string;
  readonly content: string;
  /** File line of the fence (1-based). */
  readonly line: number;
  /** The raw file lines from the fence on (indent and `>` included), for columns. */
  readonly raw: readonly string[];
}

export function isGridFence(info: string): boolean {
  return info.trim().split(/\s+/)[0] === 'grid';
}

/** Every grid block of the narrative (the 导语 and the six parts), in source order. */
export function sourceGrids(narrative: Narrative): SourceGrid[] {
  const sections = [narrative.preamble, ...narrative.parts.filter((p) => p !== undefined)];
  return sections.flatMap((section) => {
    const lines = section.markdown.split('\n');
    return sectionTokens(section)
      .filter((token) => token.type === 'fence' && isGridFence(token.info) && token.map)
      .map((token) => {
        const [first = 0, last = first + 1] = token.map ?? [];
        return { info: token.info, content: token.content, line: section.startLine + first, raw: lines.slice(first, last) };
      });
  });
}

/** Where a problem of a block stands in the file: the raw line ends with the line the block saw. */
export function problemPosition(grid: SourceGrid, problem: GridProblem): Position {
  const raw = grid.raw[problem.line] ?? '';
  const seen = problem.line === 0 ? grid.info : (grid.content.split('\n')[problem.line - 1] ?? '');
  const start = problem.line === 0 ? Math.max(0, raw.indexOf(seen)) : raw.endsWith(seen) ? raw.length - seen.length : 0;
  return { line: grid.line + problem.line, column: start + problem.column + 1 };
}

export function gridDiagnostic(file: string, grid: SourceGrid, problem: GridProblem): Diagnostic {
  return { file, position: problemPosition(grid, problem), severity: 'error', code: problem.code, message: problem.message, hint: problem.hint };
}

/** The first problem of each grid block of the source, at its position. */
export function checkGrids(file: string, narrative: Narrative): Diagnostic[] {
  let cells = 0;
  return sourceGrids(narrative).flatMap((grid) => {
    const read = readGrid(grid.info, grid.content);
    if ('problem' in read) return [gridDiagnostic(file, grid, read.problem)];
    const before = cells;
    cells += read.grid.rows.length * read.grid.columns;
    if (before <= GRID_LIMITS.maxSourceCells && cells > GRID_LIMITS.maxSourceCells) {
      return [
        gridDiagnostic(file, grid, {
          code: 'grid-shape',
          line: 0,
          column: 0,
          message: `到这张表为止，源文件里的 grid 表格共有 ${cells} 个单元格，超过了 ${GRID_LIMITS.maxSourceCells} 个的上限`,
          hint: '一份年度报告用不了这么大的表：删去或压缩一些表格',
        }),
      ];
    }
    return [];
  });
}

/**
 * Where a grid block that failed in the template's output came from: the source's own block (by
 * its text, which the template copies unchanged) at its position, or undefined for a block the
 * template wrote itself.
 */
export function locateGridProblem(file: string, narrative: Narrative, failed: { readonly info: string; readonly content: string; readonly problem: GridProblem }): Diagnostic | undefined {
  const grid = sourceGrids(narrative).find((g) => g.info === failed.info && g.content === failed.content);
  return grid ? gridDiagnostic(file, grid, failed.problem) : undefined;
}
