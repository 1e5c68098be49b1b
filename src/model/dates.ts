/** Dates as clerks type them: 2022年2月21日 or 2022-02-21. */

export type DateReading =
  | {
      readonly ok: true;
      readonly year: number;
      readonly month: number;
      readonly day: number;
      readonly padded: boolean;
    }
  | { readonly ok: false; readonly message: string; readonly hint: string };

const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

export function readDate(text: string): DateReading {
  const trimmed = text.trim();
  const chinese = CHINESE.exec(trimmed);
  const iso = chinese ? undefined : ISO.exec(trimmed);
  const match = chinese ?? iso;
  if (!match) {
    return {
      ok: false,
      message: `“${trimmed}”不是日期`,
      hint: '写成“2022年2月21日”或“2022-02-21”',
    };
  }
  const [, y = '', m = '', d = ''] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return {
      ok: false,
      message: `日期“${trimmed}”不存在`,
      hint: `${year}年${month}月没有${day}日：请核对`,
    };
  }
  // Only the Chinese form prints as typed; an ISO date is rewritten, so its zeros do not matter.
  const padded =
    chinese !== undefined && chinese !== null && (m.startsWith('0') || d.startsWith('0'));
  return { ok: true, year, month, day, padded };
}

/** GB/T 9704 §6.5: year in full, month and day without 虚位. */
export function formatDate(date: { year: number; month: number; day: number }): string {
  return `${date.year}年${date.month}月${date.day}日`;
}

export function compareDates(
  a: { year: number; month: number; day: number },
  b: { year: number; month: number; day: number },
): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
