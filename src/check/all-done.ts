/**
 * The text says every application was finished (均已办结, 办结率100% …) while table 三 still
 * carries applications into next year (四、结转下年度继续办理 总计 > 0): one of the two is wrong.
 * The phrasings are the reports' own (test/fixtures/published/, the seeds); a sentence that
 * itself speaks of the carried ones (另有 72 件顺延到下年度答复), a subset (其中, 上年结转的),
 * a denial, an aim or a condition (未能全部办结, 确保均按时办结) claims nothing of the kind.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { type Cell, cellAt, type Report } from '../model/types.js';
import { narrativeBlocks, positionInBlock, type Sentence, sentencesOf } from './text-position.js';

/** A claim that all were finished or answered. */
const ALL_DONE = new RegExp(
  [
    // 均已办结, 全部办结, 均在法定期限内予以答复, 均已按时办理完毕, 已全部按期答复
    '(?:均|全部|全都|悉数)[^，。；：、,]{0,12}?(?:办结|办理完毕|办理完成|处理完毕|答复完毕|予以答复|作出答复|给予答复|答复)',
    // 办结率100%, 按期答复率达100%, 按时办结率为百分之百
    '(?:按期|按时|及时)?(?:办结率|答复率)(?:达到|达|为|是)?\\s*(?:100\\s*[%％]|百分之百)',
    // 无结转下年度的申请, 没有顺延至下一年度办理的
    '(?:无|没有|未有)[^，。；：、,]{0,6}?(?:结转|顺延)(?:到|至)?下一?年度(?:继续办理|办理|答复)?',
  ].join('|'),
  'g',
);

/**
 * A claim that is not one: a denial, a possibility, an aim or a condition, in the claim or just
 * before it (未能全部办结, 确保申请均按时办结, 如未能按期答复). Not the words that only contain
 * such a character: 如期, 不断, 回应, 许可, 智能.
 */
const NOT_A_CLAIM =
  /未|(?<!不)不(?!断|少|仅|但|折不扣)|没有|尚|无法|(?<!许)可(?!靠)|(?<![智职功效性])能(?!力|源)|将|需要|(?<![回相响对适])应(?!用|急)|须|确保|力争|争取|努力|(?<!按|依)要求|是否|如果|如(?!期|实)|若|一旦/;
/** A claim of a part only: of a subset, last year's carried ones, another kind of case. */
const SUBSET = /其中|上年|以前年度|予以公开|部分公开|无法提供|不予处理|其他处理|复议|诉讼|案件|诉求|投诉|举报|信访|热线|12345/;
/** The sentence itself speaks of the carried applications: it does not say all are done. */
const MENTIONS_CARRIED = /(?<!上一?年度?)结转|顺延|下一?年度|继续办理|正在办理|办理中|延期/;
/** 所有申请均已…: the whole, whatever the sentence counted before it (上海市科委 2024). */
const ALL_OF_THEM = /所有|全部|一切/;
/** The count a claim speaks of: 受理申请 17 件，均已… or 收到 70 件申请. */
const CLAIMED_COUNT = /申请[^。；，\d]{0,8}?(\d+)\s*(?:件|个|条|份)|(\d+)\s*(?:件|个|条|份)[^。；，\d]{0,4}申请/;

/** How far before a claim its qualifier is looked for (确保依申请件均…). */
const QUALIFIER_REACH = 8;

/** The text before `index` back to the start of the clause before its own (commas, colons). */
function clausesBefore(text: string, index: number, count: number): string {
  const breaks = [...text.slice(0, index).matchAll(/[，,：:]/g)].map((m) => m.index ?? 0);
  const from = breaks.length >= count ? (breaks[breaks.length - count] ?? -1) + 1 : 0;
  return text.slice(from, index);
}

export interface AllDoneClaim {
  /** The words of the claim: 均已办结, 办结率100% … */
  readonly text: string;
  /** Where it starts in the text. */
  readonly index: number;
  /** How many applications the sentence says were all finished (申请 17 件，均已…), if it says. */
  readonly count?: number;
}

/** The first claim of a sentence about applications, or undefined. */
function claimIn(sentence: Sentence, previous: Sentence | undefined): AllDoneClaim | undefined {
  const text = sentence.text;
  const claims = [...text.matchAll(ALL_DONE)];
  if (claims.length === 0) return undefined;
  const rest = claims.reduce((t, m) => t.replace(m[0], ''), text);
  // 未收到申请，均…: nothing to have finished (narrative-contradicts-table speaks of the 未收到).
  if (MENTIONS_CARRIED.test(rest) || /(?:未|没有)(?:收到|受理|接到)/.test(rest)) return undefined;
  for (const claim of claims) {
    const index = claim.index ?? 0;
    // 收到申请 12 件。均已按时办结。: a claim with no subject of its own speaks of the sentence before.
    const subject = text.slice(0, index).trim();
    const aboutApplications = /申请/.test(text) || (subject.length <= 4 && /申请/.test(previous?.text ?? ''));
    if (!aboutApplications) continue;
    const own = clausesBefore(text, index, 1);
    if (NOT_A_CLAIM.test(claim[0].replace(/^(?:无|没有|未有)/, '')) || NOT_A_CLAIM.test(own.slice(-QUALIFIER_REACH))) continue;
    const whole = ALL_OF_THEM.test(own);
    if (!whole && SUBSET.test(clausesBefore(text, index, 2))) continue;
    const counted = whole ? null : CLAIMED_COUNT.exec(subject);
    const count = counted ? Number(counted[1] ?? counted[2]) : undefined;
    return { text: claim[0], index: sentence.start + index, ...(count === undefined ? {} : { count }) };
  }
  return undefined;
}

/** Every sentence of `text` that says all applications were finished: its claim and where. */
export function allDoneClaims(text: string): AllDoneClaim[] {
  const sentences = sentencesOf(text);
  return sentences.flatMap((sentence, i) => claimIn(sentence, sentences[i - 1]) ?? []);
}

/**
 * A claim of all done against 结转下年度继续办理 > 0. A claim that counts its applications (受理
 * 申请 7 件，均已按时答复) is weighed against the table's finished ones, （七）总计: 7 finished
 * with last year's one still open is what it says, not a contradiction. A count that is neither
 * 本年新收 nor 本年新收 + 上年结转 is narrative-contradicts-table's to report (one slip, one warning).
 */
export function checkAllDoneButCarried(report: Report): Diagnostic[] {
  const application = report.tables.application;
  const known = (cell: Cell | undefined) => (cell && !cell.unread ? cell : undefined);
  const carried = known(cellAt(application, '结转下年度继续办理', '总计'));
  const finished = known(cellAt(application, '总计', '总计'));
  const received = known(cellAt(application, '本年新收', '总计'))?.value;
  const withCarryover = received === undefined ? undefined : received + (known(cellAt(application, '上年结转', '总计'))?.value ?? 0);
  if (!application.present || !carried || carried.value <= 0) return [];
  const diagnostics: Diagnostic[] = [];
  for (const block of narrativeBlocks(report)) {
    if (block.kind === 'other') continue;
    for (const claim of allDoneClaims(block.text)) {
      const counted = claim.count !== undefined && finished !== undefined;
      if (counted && ((claim.count ?? 0) <= finished.value || (claim.count !== received && claim.count !== withCarryover))) continue;
      diagnostics.push({
        file: report.file,
        position: positionInBlock(block, claim.index),
        severity: 'warning',
        code: 'all-done-but-carried',
        message: counted
          ? `正文说 ${claim.count} 件申请“${claim.text}”，但依申请公开表办结的（（七）总计）只有 ${finished.value} 件，${carried.value} 件结转下年度继续办理`
          : `正文说“${claim.text}”，但依申请公开表“四、结转下年度继续办理”总计为 ${carried.value}：还有 ${carried.value} 件没有办完`,
        hint: `写明办结和结转的件数（如“办结 X 件，${carried.value} 件结转下年度继续办理”），或核对表三的（七）总计和结转下年度继续办理`,
      });
    }
  }
  return diagnostics;
}
