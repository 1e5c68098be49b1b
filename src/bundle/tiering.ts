/**
 * V8's optimising compiler, tuned for a command that runs once (issue 17). TurboFan compiles a
 * function once a budget of its bytecode has run; in a one-report build that is ~400 ms of
 * compiling on background threads in a one-second process, most of it done too late to pay
 * back, and on two cores it competes with the build for the second one. Four times the budget
 * optimises only what stays hot: the reference report's cold build took ~100 ms less wall time
 * and ~400 ms less CPU, a batch ~15 % less time (README, Speed). `watch` and the language server
 * keep V8's default: they run for hours, and code optimised early pays there.
 *
 * Set from the command, after the bundle is compiled: V8 takes a code cache only under the flags
 * it was made with, so the command line's cache (made by a training build that leaves the flag
 * alone) stays valid. The workers of a batch compile their bundle after this, under the flag, and
 * their training batch sets it too. Off with NIANBAO_DEFAULT_TIERING=1 (the workers' cache is then
 * not taken); the output is the same either way (test/code-cache.test.ts).
 */
import { setFlagsFromString } from 'node:v8';

/** V8's --interrupt-budget on Node 20 (V8 11.3): 66 KB of bytecode. */
const V8_DEFAULT_INTERRUPT_BUDGET = 66 * 1024;
const BUDGET_FACTOR = 4;

let set = false;

/** Raises TurboFan's budget for the rest of the process (and its workers); once, and not in the command line's training build. */
export function tierForOneRun(): void {
  if (set || process.env.NIANBAO_DEFAULT_TIERING === '1' || process.env.NIANBAO_WRITE_CODE_CACHE === 'cli') return;
  set = true;
  setFlagsFromString(`--interrupt-budget=${BUDGET_FACTOR * V8_DEFAULT_INTERRUPT_BUDGET}`);
}
