/** Reading one table cell from YAML: numbers, 无, /, blanks, and the mistakes clerks make. */
import type { CellKind } from '../tables/types.js';

export type CellReading =
  | {
      readonly ok: true;
      readonly value: number;
      readonly display: string;
      readonly state: 'written' | 'blank' | 'none-word' | 'not-applicable' | 'to-fill';
      readonly unit?: string;
    }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly hint: string };

const NOT_APPLICABLE = new Set(['/', '／', '不适用']);

/**
 * What `nianbao init` writes in a cell the clerk must fill in. Not `~`: that is a cell left blank
 * on purpose (as published), and the two must never be mistaken for each other. YAML reads it
 * as a string; it prints as typed, so an unfinished table shows in the PDF.
 */
export const TO_FILL = '待填';
const WITH_UNIT = /^([+-]?\d+(?:\.\d+)?)\s*(件|项|个|条|次|宗|元|万元)$/;
const FULL_WIDTH_DIGITS = /[０-９]/;

function fail(code: string, message: string, hint: string): CellReading {
  return { ok: false, code, message, hint };
}

/** `raw` is the YAML value (null for `~` or nothing); `source` is the text as typed. */
export function readCell(raw: unknown, source: string, kind: CellKind, name: string): CellReading {
  if (raw === null || raw === undefined || raw === '') {
    return { ok: true, value: 0, display: '', state: 'blank' };
  }
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '无') return { ok: true, value: 0, display: '无', state: 'none-word' };
    if (text === TO_FILL) return { ok: true, value: 0, display: TO_FILL, state: 'to-fill' };
    if (NOT_APPLICABLE.has(text))
      return { ok: true, value: 0, display: '/', state: 'not-applicable' };
    const withUnit = WITH_UNIT.exec(text);
    if (withUnit) {
      const [, number = '', unit = ''] = withUnit;
      if (kind === 'amount-raw' && (unit === '元' || unit === '万元')) {
        return {
          ok: true,
          value: Number(number),
          display: `${number}${unit}`,
          state: 'written',
          unit,
        };
      }
      if (kind === 'amount-wan' && unit === '元') {
        const wan = Number(number) / 10000;
        return fail(
          'unit-in-number',
          `${name}“${text}”里写了单位“元”，而表头的单位是万元`,
          `换算成万元，只写数字：${wan}`,
        );
      }
      return fail(
        'unit-in-number',
        `${name}“${text}”里写了单位“${unit}”`,
        `单元格只写数字，单位不写：${number}`,
      );
    }
    if (/^[+-]?\d+(\.\d+)?$/.test(text)) return readCell(Number(text), text, kind, name);
    if (FULL_WIDTH_DIGITS.test(text)) {
      const half = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
      return fail('full-width-digits', `${name}“${text}”用了全角数字`, `改用半角数字：${half}`);
    }
    return fail(
      'not-a-number',
      `${name}应当是数字，这里写的是“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`,
      '写一个数字；没有就写 0，原表写“无”的可以写 无，不适用的写 /，留空写 ~',
    );
  }
  if (typeof raw !== 'number') {
    return fail('not-a-number', `${name}应当是数字，这里是${describe(raw)}`, '写一个数字，例如 0');
  }
  if (!Number.isFinite(raw) || Math.abs(raw) > 1e12) {
    return fail('number-too-large', `${name}的数字“${source}”过大`, '请核对这个数字是否多写了位数');
  }
  const isCount = kind === 'count' || kind === 'signed';
  if (isCount && !Number.isInteger(raw)) {
    return fail(
      'not-integer',
      `${name}应当是整数，这里是 ${source}`,
      `件数、项数只能是整数：请核对，例如 ${Math.round(raw)}`,
    );
  }
  if (kind !== 'signed' && raw < 0) {
    return fail(
      'negative',
      `${name}不能是负数，这里是 ${source}`,
      kind === 'count' ? '件数最小为 0；减少的数量只在“本年增/减”里写负数' : '金额不能为负',
    );
  }
  const display = kind === 'amount-wan' || kind === 'amount-raw' ? source : String(raw);
  return { ok: true, value: raw, display, state: 'written' };
}

function describe(raw: unknown): string {
  if (typeof raw === 'boolean') return `真假值 ${raw}`;
  if (Array.isArray(raw)) return '一个列表';
  if (raw instanceof Uint8Array) return '二进制数据（!!binary）';
  if (raw instanceof Date) return '一个日期';
  return '一组键值';
}
