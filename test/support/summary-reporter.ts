/**
 * Prints one closing line that CI reads in any language:
 * `tests: N passed, N failed, N skipped`, where failed counts every failure of the run: a failed
 * test, a test file that failed to load (it has no tests to fail) and an error outside any test
 * (a hook, an uncaught error). When some failures are not tests, the line ends by saying which:
 * `tests: 148 passed, 3 failed, 0 skipped; 1 file failed to load, 1 error outside tests`.
 */
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export interface Summary {
  passed: number;
  failedTests: number;
  skipped: number;
  filesFailedToLoad: number;
  errorsOutsideTests: number;
}

export function summarize(
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError> = [],
): Summary {
  const summary: Summary = {
    passed: 0,
    failedTests: 0,
    skipped: 0,
    filesFailedToLoad: 0,
    errorsOutsideTests: unhandledErrors.length,
  };
  for (const module of modules) {
    let tests = 0;
    for (const test of module.children.allTests()) {
      tests++;
      const state = test.result().state;
      if (state === 'passed') summary.passed++;
      else if (state === 'failed') summary.failedTests++;
      else summary.skipped++;
    }
    const moduleErrors = module.errors().length;
    // A file with errors and no tests never got as far as its tests: it failed to load.
    if (moduleErrors > 0 && tests === 0) summary.filesFailedToLoad++;
    else summary.errorsOutsideTests += moduleErrors;
    for (const suite of module.children.allSuites())
      summary.errorsOutsideTests += suite.errors().length;
  }
  return summary;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function summaryLine(s: Summary): string {
  const failed = s.failedTests + s.filesFailedToLoad + s.errorsOutsideTests;
  const why = [
    ...(s.filesFailedToLoad ? [plural(s.filesFailedToLoad, 'file failed to load', 'files failed to load')] : []),
    ...(s.errorsOutsideTests ? [plural(s.errorsOutsideTests, 'error outside tests', 'errors outside tests')] : []),
  ];
  return `tests: ${s.passed} passed, ${failed} failed, ${s.skipped} skipped${why.length ? `; ${why.join(', ')}` : ''}`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    process.stdout.write(`\n${summaryLine(summarize(modules, unhandledErrors))}\n`);
  }
}
