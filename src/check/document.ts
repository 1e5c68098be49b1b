/** Checks of the report as a document: dates, 发文字号, the six parts, and the narrative vs the tables. */
import type { Diagnostic, Position, Severity } from '../diagnostics/types.js';
import { compareDates, formatDate } from '../model/dates.js';
import { DEADLINE_RULE, deadlineOf, ISSUER_ALIASES, ISSUER_KINDS, type IssuerKind, issuerKindOf } from '../model/issuer.js';
import { cellAt, type NarrativeBlock, type Report } from '../model/types.js';
import { PARTS, TABLE_IDS } from '../tables/definitions.js';

/** 〔2022〕60号: full year in 六角括号, serial number without 第 or leading zero. */
const DOCUMENT_NUMBER = /^(.*?)〔(\d{4})〕([1-9]\d*)号$/;

function deadlineHint(kind: IssuerKind | undefined, stated: boolean): string {
  if (kind === undefined) return '从“机关”名称看不出报告主体，按县级以上人民政府的 3月31日核对；部门或乡镇街道请写“报告主体: 部门”或“报告主体: 乡镇街道”';
  const judged = stated ? '' : `（由“机关”名称判断为${kind}；不对时写“报告主体: …”）`;
  return `核对成文日期；确已逾期的，请在报告中说明原因${judged}`;
}

/**
 * The year from which part 六 must say whether 信息处理费 was charged: 《政府信息公开信息处理费管理
 * 办法》（国办函〔2020〕109号）took effect on 2021-01-01, and the 2021 format (国办公开办函〔2021〕30号)
 * asks for the fees in part 六 from the 2021 report on.
 */
export const FEE_STATEMENT_FROM_YEAR = 2021;

export function checkDocument(report: Report): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const push = (
    severity: Severity,
    position: Position,
    code: string,
    message: string,
    hint: string,
  ) => diagnostics.push({ file: report.file, position, severity, code, message, hint });

  // 报告主体: who reports decides the deadline (条例 第四十九条); written, it must be one of three.
  const written = report.issuerKind;
  const writtenKind = written ? ISSUER_ALIASES[written.value.replace(/\s+/g, '')] : undefined;
  if (written && !writtenKind) {
    push(
      'error',
      written.position,
      'bad-option',
      `“报告主体”只能是 ${ISSUER_KINDS.join('、')}，这里是“${written.value}”`,
      '县级以上人民政府（及其办公厅、办公室代为发布的本级政府报告）写 人民政府；政府的工作部门写 部门；乡镇人民政府、街道办事处写 乡镇街道',
    );
  }
  const kind = writtenKind ?? issuerKindOf(report.agency);

  // 成文日期: after the statistical year, by the deadline of who reports.
  const date = report.date;
  if (date) {
    const yearEnd = { year: report.year, month: 12, day: 31 };
    const deadline = deadlineOf(kind, report.year);
    if (compareDates(date, yearEnd) <= 0) {
      push(
        'error',
        date.position,
        'date-before-year-end',
        `成文日期 ${formatDate(date)} 不晚于报告年度 ${report.year} 年末`,
        `${report.year} 年度的报告统计到 ${report.year}年12月31日，成文日期应在 ${report.year + 1} 年：是不是写错了年份？`,
      );
    } else if (compareDates(date, deadline) > 0) {
      push('warning', date.position, 'date-late', `成文日期 ${formatDate(date)} 晚于 ${formatDate(deadline)}（${DEADLINE_RULE[kind ?? '人民政府']}）`, deadlineHint(kind, written !== undefined));
    }
  }
  const printDate = report.colophon?.printDate;
  if (printDate && date && compareDates(printDate, date) < 0) {
    push(
      'warning',
      printDate.position,
      'print-date-early',
      `印发日期 ${formatDate(printDate)} 早于成文日期 ${formatDate(date)}`,
      '印发日期一般不早于成文日期：请核对',
    );
  }

  // 发文字号
  const number = report.redHeader?.documentNumber;
  if (number) {
    const match = DOCUMENT_NUMBER.exec(number.value);
    const fixed = number.value
      .replace(/[[［【(（]\s*(\d{4})\s*[\]］】)）]/, '〔$1〕')
      .replace(/第\s*(\d+)\s*号$/, '$1号')
      .replace(/〔(\d{4})〕0+(\d)/, '〔$1〕$2');
    if (!match) {
      const problems: string[] = [];
      if (!/〔\d{4}〕/.test(number.value)) problems.push('年份要用六角括号〔〕括起来并写全四位');
      if (/第\s*\d+\s*号$/.test(number.value)) problems.push('序号前不加“第”');
      if (/〕0\d/.test(number.value)) problems.push('序号不编虚位（1 不写成 01）');
      if (!/号$/.test(number.value)) problems.push('以“号”结尾');
      push(
        'error',
        number.position,
        'document-number',
        `发文字号“${number.value}”格式不对：${problems.join('；') || '应为“机关代字〔年份〕序号号”'}`,
        fixed !== number.value && DOCUMENT_NUMBER.test(fixed)
          ? `写成“${fixed}”`
          : '例如“临南政发〔2022〕60号”（GB/T 9704）',
      );
    } else if (date && Number(match[2]) !== date.year) {
      push(
        'warning',
        number.position,
        'document-number-year',
        `发文字号的年份 ${match[2]} 与成文日期的年份 ${date.year} 不同`,
        '发文字号的年份一般是成文的年份：请核对',
      );
    }
  }

  // The six parts. 二、三、四 are the tables (the template prints their headings), so a
  // missing heading there is fine as long as the table is in the front matter.
  const parts = report.narrative.parts;
  const endOfFile: Position = { line: report.narrative.preamble.startLine, column: 1 };
  PARTS.forEach((part, index) => {
    const present = parts[index];
    const label = `第${part.number}部分“${part.number}、${part.title}”`;
    const table = TABLE_IDS.map((id) => report.tables[id]).find((t) => t.def.part === index + 1);
    if (table) {
      if (!table.present) {
        push(
          'error',
          report.keyPositions.get('') ?? endOfFile,
          'table-missing',
          `前置数据里没有${label}的统计表“${table.def.key}”`,
          `在前置数据里加上“${table.def.key}:”，各单元格没写的按 0 计；运行 nianbao init 可生成完整的模板`,
        );
      }
      return;
    }
    const next = parts.slice(index + 1).find((p) => p);
    if (!present) {
      push(
        'error',
        next?.position ?? lastLine(report),
        'part-missing',
        `缺少${label}`,
        `加一个一级标题“# ${part.title}”并写明内容（条例第五十条要求的内容不能遗漏）`,
      );
    } else if (!present.blocks.some((b) => b.kind !== 'heading' && b.text.trim())) {
      push(
        'error',
        present.position,
        'part-empty',
        `${label}没有内容`,
        `在“# ${present.heading}”下面写正文；确实没有的也写一句，如“无其他需要报告的事项。”`,
      );
    }
  });

  // Part 六 must say whether 信息处理费 was charged (from the year the fee rules took effect).
  const other = parts[5];
  if (report.year >= FEE_STATEMENT_FROM_YEAR && other && !other.blocks.some((b) => mentionsFee(b.text))) {
    push(
      'warning',
      other.position,
      'fee-not-stated',
      '第六部分没有说明信息处理费的收取情况',
      '按《政府信息公开信息处理费管理办法》写明是否收取，如“本年度未收取信息处理费。”或“收取信息处理费共计400元。”',
    );
  }

  // Layouts: report years from 2021 on use the 2021 format.
  for (const id of TABLE_IDS) {
    const table = report.tables[id];
    if (!table.present) continue;
    if (report.year >= 2021 && table.def.format === 2019) {
      push(
        'warning',
        table.position,
        'format-outdated',
        `${report.year} 年度的报告，“${table.def.key}”表用的是 2019 格式`,
        '2021 年度起应使用国办公开办函〔2021〕30号的 2021 格式；确需沿用旧表的可以忽略本警告',
      );
    } else if (report.year < 2021 && table.def.format === 2021) {
      push(
        'warning',
        table.position,
        'format-too-new',
        `${report.year} 年度的报告，“${table.def.key}”表用的是 2021 格式`,
        '2019、2020 年度的报告使用 2019 格式（国办公开办函〔2019〕60号）',
      );
    }
  }

  diagnostics.push(...checkNarrativeAgainstTables(report));
  return diagnostics;
}

function lastLine(report: Report): Position {
  const parts = report.narrative.parts.filter((p) => p);
  const last = parts[parts.length - 1];
  if (!last) return { line: report.narrative.preamble.startLine, column: 1 };
  return {
    line: last.startLine + Math.max(0, last.markdown.trimEnd().split('\n').length - 1),
    column: 1,
  };
}

function mentionsFee(text: string): boolean {
  // 信息处理费 is also written 信息公开处理费; “未发生政府信息公开收费事项” states it too (上海市科委 2024).
  return /处理费|(收取|收费|缴纳)[^。；]{0,12}费|费用[^。；]{0,8}收取|收费事项/.test(text);
}

export function allBlocks(report: Report): NarrativeBlock[] {
  return [
    report.narrative.preamble.blocks,
    ...report.narrative.parts.map((p) => p?.blocks ?? []),
  ].flat();
}

/** Where in a block's text a match is: the block's position moved along its first line. */
export function positionIn(block: NarrativeBlock, index: number): Position {
  const before = block.text.slice(0, index);
  const newlines = before.split('\n').length - 1;
  if (newlines === 0) return { line: block.position.line, column: block.position.column + index };
  return { line: block.position.line + newlines, column: before.length - before.lastIndexOf('\n') };
}

const SAYS_NO_APPLICATIONS = /(未|没有)(收到|受理|接到)[^。；，]{0,12}申请/;
const QUOTES_APPLICATIONS =
  /(?:收到|受理|新收|接到)[^。；\d]{0,20}?申请[^。；\d]{0,8}?(\d+)\s*(?:件|个|条|份)/;
/** "未发生行政复议", "未收到公开行政复议"; not a qualified "未发生因答复不当引发的行政复议". */
const SAYS_NO_REVIEW = /(未|没有)(收到|发生|被申请)?[^。；，因]{0,4}行政复议/;

/**
 * A count of a narrower body or period than the table's (区政府办代表区政府受理 17 件, 其中, 同比,
 * 本机关 in a government's report): the text's own clause says so, so it is not compared.
 */
const QUALIFIER = /其中|同比|代表|本机关|本级|较上年|比上年/;
function qualified(text: string, index: number, quoted: string): boolean {
  const clauseStart = Math.max(text.lastIndexOf('。', index), text.lastIndexOf('；', index), text.lastIndexOf('，', index)) + 1;
  return QUALIFIER.test(text.slice(clauseStart, index) + quoted);
}

function checkNarrativeAgainstTables(report: Report): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const application = report.tables.application;
  // A total the source's own mistake left unknown (its error says so) is not quoted against the text.
  const known = (cell: ReturnType<typeof cellAt>) => (cell?.unread ? undefined : cell);
  const received = known(cellAt(application, '本年新收', '总计'));
  const carried = known(cellAt(application, '上年结转', '总计'));
  const review = known(cellAt(report.tables.review, '行政复议', '总计'));
  for (const block of allBlocks(report)) {
    const none = SAYS_NO_APPLICATIONS.exec(block.text);
    if (none && application.present && received && received.value > 0) {
      diagnostics.push({
        file: report.file,
        position: positionIn(block, none.index),
        severity: 'warning',
        code: 'narrative-contradicts-table',
        message: `正文说“${none[0]}”，但依申请公开表“本年新收”总计为 ${received.value}`,
        hint: '正文和统计表要一致：核对表三的本年新收，或改正正文',
      });
    }
    const quoted = QUOTES_APPLICATIONS.exec(block.text);
    if (
      quoted &&
      application.present &&
      received &&
      Number(quoted[1]) !== received.value &&
      !none &&
      !qualified(block.text, quoted.index, quoted[0])
    ) {
      const count = Number(quoted[1]);
      // 收到 N 件 counted with last year's carry-over: not a contradiction, only unclear.
      const withCarryover = carried && received.value + carried.value === count;
      diagnostics.push({
        file: report.file,
        position: positionIn(block, quoted.index),
        severity: 'warning',
        code: 'narrative-contradicts-table',
        message: withCarryover
          ? `正文写“${quoted[0]}”，表三“本年新收”总计为 ${received.value}；${count} 等于本年新收 ${received.value} + 上年结转 ${carried.value}`
          : `正文写“${quoted[0]}”，但依申请公开表“本年新收”总计为 ${received.value}`,
        hint: withCarryover
          ? '如果正文说的是本年新收与上年结转的合计，请写明（如“新收 74 件，加上年结转 1 件，共办理 75 件”），免得读者以为与表三不符'
          : '正文引用的件数要与统计表一致',
      });
    }
    const noReview = SAYS_NO_REVIEW.exec(block.text);
    if (noReview && report.tables.review.present && review && review.value > 0) {
      diagnostics.push({
        file: report.file,
        position: positionIn(block, noReview.index),
        severity: 'warning',
        code: 'narrative-contradicts-table',
        message: `正文说“${noReview[0]}”，但复议诉讼表“行政复议”总计为 ${review.value}`,
        hint: '正文和统计表要一致：核对表四，或改正正文',
      });
    }
  }
  return diagnostics;
}
