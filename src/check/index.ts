/** Stage 3: the report model → every diagnostic about it. Pure. */
import type { Diagnostic } from '../diagnostics/types.js';
import { checkLimits } from '../markdown/limits.js';
import type { Report } from '../model/types.js';
import { checkGrids } from '../markdown/grid-check.js';
import { TABLE_IDS } from '../tables/definitions.js';
import { checkArithmetic } from './arithmetic.js';
import { checkDocument } from './document.js';
import { checkAllDoneButCarried } from './all-done.js';
import { checkNarrativeCounts } from './narrative-counts.js';
import { checkAgainstPrevious } from './previous.js';
import { checkPublicationDate } from './publication.js';
import { checkRepeatedWords } from './repeated-word.js';
import { checkTextReused } from './text-reused.js';
import { checkYearJumps } from './year-jump.js';

export interface CheckOptions {
  /** Last year's report, for the checks across years. */
  readonly previous?: Report;
}

export function checkReport(report: Report, options: CheckOptions = {}): Diagnostic[] {
  return [
    ...TABLE_IDS.flatMap((id) => checkArithmetic(report.file, report.tables[id])),
    ...checkDocument(report),
    ...checkNarrativeCounts(report),
    ...checkGrids(report.file, report.narrative),
    ...checkLimits(report),
    ...checkAllDoneButCarried(report),
    ...checkPublicationDate(report),
    ...checkRepeatedWords(report),
    ...(options.previous
      ? [
          ...checkAgainstPrevious(report, options.previous),
          ...checkYearJumps(report, options.previous),
          ...checkTextReused(report, options.previous),
        ]
      : []),
  ];
}
