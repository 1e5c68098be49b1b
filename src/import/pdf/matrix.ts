/** PDF transformation matrices as the operator list gives them ([a b c d e f]), for placing what a page draws. */

export type Matrix = readonly [number, number, number, number, number, number];

/** A point in text or user space → the page's points from its top-left corner. */
export type ToPage = (x: number, y: number) => [number, number];

/** m × n: m applied first, then n (PDF's order for `cm` and `Tm` under the CTM). */
export const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
