/**
 * Who reports, which decides the deadline (条例 第四十九条): a 县级以上人民政府部门 publishes its
 * annual report by 1月31日; the 县级以上地方人民政府's own report is published by its 政府信息公开
 * 工作主管部门 by 3月31日. 乡镇/街道 follow local rules, nearly everywhere the departments' 1月31日.
 */
export type IssuerKind = '人民政府' | '部门' | '乡镇街道';

export const ISSUER_KINDS: readonly IssuerKind[] = ['人民政府', '部门', '乡镇街道'];

/** Other spellings a clerk may write for 报告主体. */
export const ISSUER_ALIASES: Readonly<Record<string, IssuerKind>> = {
  县级以上人民政府: '人民政府',
  县级以上地方人民政府: '人民政府',
  政府: '人民政府',
  人民政府: '人民政府',
  部门: '部门',
  政府部门: '部门',
  县级以上人民政府部门: '部门',
  乡镇街道: '乡镇街道',
  乡镇: '乡镇街道',
  街道: '乡镇街道',
  乡镇人民政府: '乡镇街道',
  街道办事处: '乡镇街道',
};

/**
 * The issuer's kind from its name, or undefined when the name does not say (then the checker
 * assumes the later deadline, and says how to state it).
 * - 乡镇/街道: …镇人民政府, …乡人民政府, …街道办事处 (also 苏木, 民族乡)
 * - 人民政府: …人民政府 of a 县/区/市/州/盟/旗/省/自治区, its 办公厅/办公室, and a 管理委员会 that
 *   reports as the government of its area (开发区、实验区)
 * - 部门: a 局, 委员会, 厅, 办公室, 中心 … of a government
 */
export function issuerKindOf(agency: string): IssuerKind | undefined {
  const name = agency.replace(/\s+/g, '');
  if (/(镇|乡|苏木)(人民)?政府$|街道(办事处|工委)?$/.test(name)) return '乡镇街道';
  if (/(省|自治区|市|州|盟|县|区|旗)人民政府(办公厅|办公室)?$/.test(name)) return '人民政府';
  if (/(管理委员会|管委会)$/.test(name)) return '人民政府';
  if (/(局|委员会|委|厅|署|办公室|办|中心|院|所|队|站)$/.test(name)) return '部门';
  return undefined;
}

/** The day by which the report of `year` is due. */
export function deadlineOf(kind: IssuerKind | undefined, year: number): { year: number; month: number; day: number } {
  return kind === '人民政府' || kind === undefined ? { year: year + 1, month: 3, day: 31 } : { year: year + 1, month: 1, day: 31 };
}

/** What 条例 第四十九条 says of each issuer's deadline, quoted in the messages about it. */
export const DEADLINE_RULE: Readonly<Record<IssuerKind, string>> = {
  人民政府: '条例第四十九条：县级以上地方人民政府的年度报告在每年 3月31日前向社会公布',
  部门: '条例第四十九条：县级以上人民政府部门在每年 1月31日前公布上一年度的年度报告',
  乡镇街道: '乡镇人民政府、街道办事处按各地规定，多为每年 1月31日前公布',
};

/**
 * Who reports: 报告主体 as written when it is one of the kinds, else judged from 机关 (undefined
 * when neither says; the deadline is then the later one).
 */
export function reportingIssuer(agency: string, written: string | undefined): IssuerKind | undefined {
  const stated = written === undefined ? undefined : ISSUER_ALIASES[written.replace(/\s+/g, '')];
  return stated ?? issuerKindOf(agency);
}
