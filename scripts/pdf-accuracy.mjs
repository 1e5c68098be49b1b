// Development aid, not a test: how many table cells of the real originals the PDF reader gets
// right, against the figures and labels read by eye off the printed pages (pdftoppm, then looked
// at). Run after `npx tsc -p tsconfig.build.json` (or `npm run build`):
//
//   node scripts/pdf-accuracy.mjs [../shared/originals]
//
// Prints, per original and table, cells exact / cells compared, and every cell that differs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readPdf } from '../dist/import/pdf/index.js';

const dir = process.argv[2] ?? path.join(import.meta.dirname, '../../shared/originals');
const zeros = (n = 7) => Array(n).fill('0');

// Table 三's rows as printed (the label of the row's own last label cell, then 7 figures).
const hongze3 = [
  ['一、本年新收政府信息公开申请数量', '21', '0', '0', '0', '0', '0', '21'],
  ['二、上年结转政府信息公开申请数量', ...zeros()],
  ['（一）予以公开', ...zeros()],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '4', '0', '0', '0', '0', '0', '4'],
  ['1.属于国家秘密', '1', '0', '0', '0', '0', '0', '1'],
  ['2.其他法律行政止公开', ...zeros()],
  ['3.危及“三安全一稳定”', ...zeros()],
  ['4.保护第三方合法权益', ...zeros()],
  ['5.属于三类内部事务信息', ...zeros()],
  ['6.属于四类过程性信息', '1', '0', '0', '0', '0', '0', '1'],
  ['7.属于行政执法案卷', '1', '0', '0', '0', '0', '0', '1'],
  ['8.属于行政查询事项', ...zeros()],
  ['1.本机关不掌握相关政府信息', '10', '0', '0', '0', '0', '0', '10'],
  ['2.没有现成信息需要另行制作', '3', '0', '0', '0', '0', '0', '3'],
  ['3.补正后申请内容仍不明确', ...zeros()],
  ['1.信访举报投诉类申请', '1', '0', '0', '0', '0', '0', '1'],
  ['2.重复申请', ...zeros()],
  ['3.要求提供公开出版物', ...zeros()],
  ['4.无正当理由大量反复申请', ...zeros()],
  ['5.要求行政机关确认或重新出具已获取信息', ...zeros()],
  ['（六）其他处理', ...zeros()],
  ['（七）总计', '21', '0', '0', '0', '0', '0', '21'],
  ['四、结转下年度继续办理', ...zeros()],
];
const huaian3 = [
  ['一、本年新收政府信息公开申请数量', '3001', '53', '0', '0', '61', '4', '3119'],
  ['二、上年结转政府信息公开申请数量', '34', '0', '0', '0', '0', '0', '34'],
  ['（一）予以公开', '1288', '21', '0', '0', '50', '3', '1362'],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '447', '7', '0', '0', '0', '0', '454'],
  ['1.属于国家秘密', '2', '0', '0', '0', '0', '0', '2'],
  ['2.其他法律行政法规禁止公开', '30', '1', '0', '0', '0', '0', '31'],
  ['3.危及“三安全一稳定”', '5', '0', '0', '0', '0', '0', '5'],
  ['4.保护第三方合法权益', '6', '0', '0', '0', '0', '0', '6'],
  ['5.属于三类内部事务信息', '7', '1', '0', '0', '0', '0', '8'],
  ['6.属于四类过程性信息', '12', '0', '0', '0', '0', '0', '12'],
  ['7.属于行政执法案卷', '9', '0', '0', '0', '0', '0', '9'],
  ['8.属于行政查询事项', '105', '0', '0', '0', '0', '0', '105'],
  ['1.本机关不掌握相关政府信息', '746', '12', '0', '0', '10', '1', '769'],
  ['2.没有现成信息需要另行制作', '11', '0', '0', '0', '0', '0', '11'],
  ['3.补正后申请内容仍不明确', '1', '0', '0', '0', '0', '0', '1'],
  ['1.信访举报投诉类申请', '56', '6', '0', '0', '0', '0', '62'],
  ['2.重复申请', '25', '0', '0', '0', '0', '0', '25'],
  ['3.要求提供公开出版物', ...zeros()],
  ['4.无正当理由大量反复申请', ...zeros()],
  ['5.要求行政机关确认或重新出具已获取信息', '1', '0', '0', '0', '0', '0', '1'],
  ['1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '67', '3', '0', '0', '1', '0', '71'],
  ['2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '6', '0', '0', '0', '0', '0', '6'],
  ['3、其他', '108', '2', '0', '0', '0', '0', '110'],
  ['（七）总计', '2932', '53', '0', '0', '61', '4', '3050'],
  ['四、结转下年度继续办理', '103', '0', '0', '0', '0', '0', '103'],
];

// Per original: table 二 as [row, col, text] (grid positions), 三 as rows from grid row 3, 四's figures row.
const ORIGINALS = {
  '01_hongze_2023.pdf': {
    two: [
      [2, 0, '规章'], [2, 1, '0'], [2, 2, '0'], [2, 3, '0'],
      [3, 0, '行政规范性文件'], [3, 1, '0'], [3, 2, '5'], [3, 3, '5'],
      [6, 0, '行政许可'], [6, 1, '550'], [9, 0, '行政处罚'], [9, 1, '4119'], [10, 0, '行政强制'], [10, 1, '195'],
      [13, 0, '行政事业性收费'], [13, 1, '7730.28'],
    ],
    three: hongze3,
    spans: [[5, 0, '三、本年度办理结果', 20], [7, 1, '（三）不予公开', 8], [15, 1, '（四）无法提供', 3], [18, 1, '（五）不予处理', 5]],
    four: ['10', '1', '0', '0', '0', '0', '0', '0', '0', '0', '5', '0', '0', '0', '0'],
  },
  '02_huaian_2024.pdf': {
    two: [
      [2, 0, '规章'], [2, 1, '1'], [2, 2, '0'], [2, 3, '11'],
      [3, 0, '行政规范性文件'], [3, 1, '8'], [3, 2, '26'], [3, 3, '66'],
      [6, 0, '行政许可'], [6, 1, '447228'], [9, 0, '行政处罚'], [9, 1, '3985758'], [10, 0, '行政强制'], [10, 1, '88283'],
      [13, 0, '行政事业性收费'], [13, 1, '96171.6'],
    ],
    three: huaian3,
    spans: [[5, 0, '三、本年度办理结果', 22], [7, 1, '（三）不予公开', 8], [15, 1, '（四）无法提供', 3], [18, 1, '（五）不予处理', 5], [23, 1, '（六）其他处理', 3]],
    four: ['72', '64', '178', '37', '351', '13', '4', '8', '1', '26', '12', '1', '1', '6', '20'],
  },
};

/** The table model (HTML's): each cell at its grid position, from rows of cells with spans. */
function grid(table) {
  const at = new Map();
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (at.has(`${r},${c}`)) c++;
      for (let i = 0; i < cell.rowSpan; i++) for (let j = 0; j < cell.colSpan; j++) at.set(`${r + i},${c + j}`, { cell, own: i === 0 && j === 0 });
      c += cell.colSpan;
    }
  });
  return (r, c) => at.get(`${r},${c}`);
}

const squeeze = (text) => text.replace(/\s+/gu, '');
let allExact = 0;
let allCompared = 0;
for (const [name, expected] of Object.entries(ORIGINALS)) {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    console.log(`${name}: not found in ${dir}, skipped`);
    continue;
  }
  const doc = await readPdf(name, readFileSync(file));
  const tables = doc.blocks.filter((b) => b.kind === 'table');
  const results = [];
  const compare = (label, table, checks) => {
    const cellAt = grid(table);
    let exact = 0;
    const wrong = [];
    for (const [r, c, text] of checks) {
      const found = cellAt(r, c);
      const ok = found?.own && squeeze(found.cell.text) === squeeze(text);
      if (ok) exact++;
      else wrong.push(`    row ${r} col ${c}: expected “${text}”, read “${found?.cell.text ?? '(no cell)'}”${found && !found.own ? ' (inside a spanning cell)' : ''}`);
    }
    allExact += exact;
    allCompared += checks.length;
    results.push(`  table ${label}: ${exact}/${checks.length} exact${wrong.length ? `\n${wrong.join('\n')}` : ''}`);
  };
  compare('二', tables[0], expected.two);
  const three = [];
  expected.three.forEach(([labelText, ...figures], i) => {
    // The row's label sits in the rightmost label column that starts a cell in this row.
    const cellAt = grid(tables[1]);
    const labelCol = [2, 1, 0].find((c) => cellAt(3 + i, c)?.own && cellAt(3 + i, c)?.cell.colSpan + c === 3) ?? 2;
    three.push([3 + i, labelCol, labelText]);
    figures.forEach((figure, k) => three.push([3 + i, 3 + k, figure]));
  });
  compare('三', tables[1], three);
  // The merged label cells: their text and how many rows they span (across the page break too).
  const cellAt = grid(tables[1]);
  const spans = expected.spans.filter(([r, c, text, rowSpan]) => {
    const found = cellAt(r, c);
    const ok = found?.own && squeeze(found.cell.text) === text && found.cell.rowSpan === rowSpan;
    if (!ok) results.push(`    merged cell at row ${r} col ${c}: expected “${text}” over ${rowSpan} rows, read “${found?.cell.text}” over ${found?.cell.rowSpan}`);
    return ok;
  });
  results.push(`  table 三, merged label cells: ${spans.length}/${expected.spans.length} with text and span exact`);
  compare('四', tables[2], expected.four.map((figure, k) => [3, k, figure]));
  console.log(`${name}: ${tables.length} tables\n${results.join('\n')}`);
}
console.log(`all: ${allExact}/${allCompared} cells exact (${((100 * allExact) / Math.max(1, allCompared)).toFixed(1)} %)`);
