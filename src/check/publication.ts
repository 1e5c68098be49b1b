/**
 * 发布日期, the day a report went up on the web (written for reports transcribed from a web
 * page): after the deadline of who reports (条例 第四十九条), or before the report was written.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { compareDates, formatDate } from '../model/dates.js';
import { DEADLINE_RULE, deadlineOf, reportingIssuer } from '../model/issuer.js';
import type { Report } from '../model/types.js';

export function checkPublicationDate(report: Report): Diagnostic[] {
  const published = report.publicationDate;
  if (!published) return [];
  const diagnostics: Diagnostic[] = [];
  const written = report.issuerKind;
  const kind = reportingIssuer(report.agency, written?.value);
  const deadline = deadlineOf(kind, report.year);
  if (compareDates(published, deadline) > 0) {
    const judged =
      kind === undefined
        ? '从“机关”名称看不出报告主体，按县级以上人民政府的 3月31日核对；部门或乡镇街道请写“报告主体: 部门”或“报告主体: 乡镇街道”'
        : written
          ? '核对发布日期（照网页上的发布时间）；确已逾期公布的，可在报告中说明原因'
          : `核对发布日期（照网页上的发布时间）；确已逾期公布的，可在报告中说明原因（报告主体由“机关”名称判断为${kind}；不对时写“报告主体: …”）`;
    diagnostics.push({
      file: report.file,
      position: published.position,
      severity: 'warning',
      code: 'published-late',
      message: `发布日期 ${formatDate(published)} 晚于 ${formatDate(deadline)}（${DEADLINE_RULE[kind ?? '人民政府']}）`,
      hint: judged,
    });
  }
  // Published before it was written: one of the two dates is mistyped. A warning, as for 印发日期:
  // the 发布日期 is not printed, and a web page's date may be the upload's, not the document's.
  if (report.date && compareDates(published, report.date) < 0) {
    diagnostics.push({
      file: report.file,
      position: published.position,
      severity: 'warning',
      code: 'published-before-written',
      message: `发布日期 ${formatDate(published)} 早于成文日期 ${formatDate(report.date)}`,
      hint: '报告成文后才能公布：核对两个日期（发布日期照网页上的发布时间，成文日期照报告落款）',
    });
  }
  return diagnostics;
}
