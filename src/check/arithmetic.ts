/**
 * Arithmetic checks, driven by each table definition's rules: a written total must equal the sum
 * of its addends (derived addends included), a total written blank must have nothing to add up,
 * and every column of T3 must balance. Cells still 待填 are left out and named once per table.
 */
import type { Diagnostic, Position } from '../diagnostics/types.js';
import { TO_FILL } from '../model/cells.js';
import { isStated } from '../model/derive.js';
import { type Cell, cellAt, type TableData } from '../model/types.js';
import type { RowDef, RuleDef } from '../tables/types.js';

function rowName(table: TableData, rowId: string): string {
  const row = table.def.rows.find((r) => r.id === rowId) as RowDef;
  if (row.key === '总计' && !row.group && table.def.id === 'application') return '（七）总计';
  return row.group ? `${row.group} › ${row.key}` : row.key;
}

/** `自然人 5 + 商业企业 2`, naming only the non-zero addends, and saying so when some are 0. */
function sumText(terms: { name: string; cell: Cell }[]): string {
  const shown = terms.filter((t) => t.cell.value !== 0 && t.cell.state !== 'not-applicable');
  if (shown.length === 0) return '各项均为 0';
  const parts = shown.map((t) => `${t.name} ${t.cell.value}`).join(' + ');
  return shown.length < terms.length ? `${parts}，其余为 0` : parts;
}

function sumOf(cells: (Cell | undefined)[]): number {
  return cells.reduce(
    (sum, cell) => sum + (cell && cell.state !== 'not-applicable' ? cell.value : 0),
    0,
  );
}

export function checkArithmetic(file: string, table: TableData): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { def } = table;
  const name = def.key;
  const push = (position: Position, code: string, message: string, hint: string) =>
    diagnostics.push({ file, position, severity: 'error', code, message, hint });

  // The corner cell （七）总计 × 总计 is the total of two rules: a blank one is said once.
  const saidBlank = new Set<string>();
  const checkSum = (
    rule: Extract<RuleDef, { kind: 'row-sum' | 'column-sum' }>,
    rowId: string,
    column: string,
    addends: [string, string][],
  ) => {
    const total = cellAt(table, rowId, column);
    const blank = total?.state === 'blank';
    if (!total || !(isStated(total) || blank) || !total.position || total.unread) return;
    const terms = addends.map(([r, c]) => ({
      name: rule.kind === 'row-sum' ? c : rowName(table, r),
      cell: cellAt(table, r, c) as Cell,
    }));
    // A term the source gives in a shape that could not be read has its own error already.
    if (terms.some((t) => t.cell?.unread)) return;
    const expected = sumOf(terms.map((t) => t.cell));
    if (blank) {
      // Blank counts as 0: a blank total is right only where its parts add up to 0 (all blank,
      // 0, 无 or /). Its value is the sum it should show, so nothing else reports it again.
      const key = `${rowId}|${column}`;
      if (expected === 0 || saidBlank.has(key)) return;
      saidBlank.add(key);
      const where = rule.kind === 'row-sum' ? `“${rowName(table, rowId)}”：${column}` : `“${column}”列：${rowName(table, rowId)}`;
      const parts = rule.kind === 'row-sum' ? '各列之和' : '各项办理结果之和';
      diagnostics.push({
        file,
        position: total.position,
        severity: 'error',
        code: 'total-blank',
        message: `${name}${where}空着，但${parts}为 ${expected}（${sumText(terms)}）`,
        hint: `这一格应为 ${expected}：写上 ${expected}，或删去这一格让它自动计算`,
      });
      return;
    }
    if (expected === total.value) return;
    if (rule.kind === 'row-sum') {
      push(
        total.position,
        rule.code,
        `${name}“${rowName(table, rowId)}”：${column}写的是 ${total.display}，但各列之和为 ${expected}（${sumText(terms)}）`,
        `${column} = ${rule.addends.join(' + ')}：请核对这一行，或删去${column}，让它自动计算`,
      );
    } else {
      push(
        total.position,
        rule.code,
        `${name}“${column}”列：${rowName(table, rowId)}写的是 ${total.display}，但各项办理结果之和为 ${expected}（${sumText(terms)}）`,
        `${rowName(table, rowId)} = （一）至（六）各项之和：请核对这一列，或删去${rowName(table, rowId)}，让它自动计算`,
      );
    }
  };

  for (const rule of def.rules) {
    if (rule.kind === 'row-sum') {
      for (const row of def.rows) {
        if (!row.columns.includes(rule.total)) continue;
        checkSum(
          rule,
          row.id,
          rule.total,
          rule.addends.map((c) => [row.id, c]),
        );
      }
    } else if (rule.kind === 'column-sum') {
      for (const column of def.columns)
        checkSum(
          rule,
          rule.total,
          column.key,
          rule.addends.map((r) => [r, column.key]),
        );
    } else {
      for (const column of def.columns) {
        const side = (rows: readonly string[]) =>
          rows.map((r) => ({ rowId: r, cell: cellAt(table, r, column.key) as Cell }));
        const left = side(rule.left);
        const right = side(rule.right);
        if ([...left, ...right].some((t) => t.cell?.unread)) continue;
        const leftSum = sumOf(left.map((t) => t.cell));
        const rightSum = sumOf(right.map((t) => t.cell));
        if (leftSum === rightSum) continue;
        const describe = (terms: typeof left) =>
          terms.map((t) => `${rowName(table, t.rowId)} ${t.cell.value}`).join(' + ');
        const [forward, resultTotal] = [right[1], right[0]];
        const anchor =
          [forward, resultTotal, left[0], left[1]].find((t) => t?.cell.position && isStated(t.cell))
            ?.cell.position ??
          table.rowPositions.get(rule.right[1] ?? '') ??
          table.position;
        push(
          anchor,
          rule.code,
          `${name}“${column.key}”列不平：${describe(left)} = ${leftSum}，而 ${describe(right)} = ${rightSum}`,
          `${rule.printed.replace(/^（|）$/g, '')}，即 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理：请核对这一列`,
        );
      }
    }
  }
  const unfilled = notFilled(file, table);
  if (unfilled) diagnostics.push(unfilled);
  return diagnostics;
}

/**
 * One warning per table for the cells `nianbao init` left 待填 (a blank `~` is a value, and is
 * never called unfilled). A table untouched but for what `init --from` carried over (上年结转)
 * is said to be unfilled as a whole, at its key; otherwise the warning points at the first 待填.
 */
function notFilled(file: string, table: TableData): Diagnostic | undefined {
  const { def } = table;
  const carried = new Set(def.rules.flatMap((rule) => (rule.kind === 'balance' ? rule.left.slice(1) : [])));
  const cells = def.rows.flatMap((row) => row.columns.map((column) => ({ row, column, cell: cellAt(table, row.id, column) })));
  const toFill = cells.filter((c) => c.cell?.state === 'to-fill' && c.cell.position);
  const first = toFill[0];
  if (!first?.cell?.position) return undefined;
  const whole = cells.every((c) => carried.has(c.row.id) || c.cell?.display === TO_FILL);
  const hint = `把“${TO_FILL}”换成本年的数字：没有就写 0，原表空着的写 ~`;
  if (whole) {
    return { file, position: table.position, severity: 'warning', code: 'not-filled', message: `${def.key}表的各列尚未填写本年的数字`, hint };
  }
  const label = first.row.columns.length === 1 ? `“${rowName(table, first.row.id)}”` : `“${rowName(table, first.row.id)}”行“${first.column}”`;
  return {
    file,
    position: first.cell.position,
    severity: 'warning',
    code: 'not-filled',
    message: `${def.key}表还有 ${toFill.length} 格是“${TO_FILL}”，尚未填写（第一格：${label}）`,
    hint,
  };
}
