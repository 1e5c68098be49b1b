import type { GridProblem } from './grid.js';

/** A grid block that cannot be laid out: `line` is in the Markdown given; `grid` says which block and where in it. */
export class MarkdownError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly grid?: { readonly info: string; readonly content: string; readonly problem: GridProblem },
  ) {
    super(message);
  }
}
